// Velocitas chart interop: a thin, typed-from-C# layer over ApexCharts 4.7.0 (MIT).
// Each chart is created once, updated in place (series replaced or points appended) and destroyed with its component.
import ApexCharts from './apexcharts.esm.js';
import { aggregate, lowerBound, visibleLine, visibleMarkers, yRange } from './price-window.js';

const charts = new Map();
let nextId = 1;

const palette = {
  text: '#9da7b3', grid: '#222831', up: '#26a69a', down: '#ef5350', line: '#4fc3f7', accent: '#ffb74d', muted: '#5c6773',
};

const money = (v) => (v == null ? '' : Number(v).toLocaleString('en-US', { maximumFractionDigits: 2 }));
const price = (v) => (v == null ? '' : Math.abs(v) >= 1000
  ? Number(v).toLocaleString('en-US', { maximumFractionDigits: 2 })
  : Number(v).toLocaleString('en-US', { maximumSignificantDigits: 8 }));

function base(config) {
  return {
    chart: {
      id: config.group ? `${config.group}-${config.kind}` : undefined,
      group: config.group || undefined,
      height: config.height || 320,
      background: 'transparent',
      foreColor: palette.text,
      fontFamily: 'Inter, Segoe UI, Roboto, sans-serif',
      animations: { enabled: false },
      toolbar: { show: true, tools: { download: true, selection: false, zoom: true, zoomin: true, zoomout: true, pan: true, reset: true } },
      zoom: { enabled: true, type: 'x' },
    },
    theme: { mode: 'dark' },
    grid: { borderColor: palette.grid, strokeDashArray: 3 },
    xaxis: { type: 'datetime', labels: { datetimeUTC: true }, tooltip: { enabled: false } },
    tooltip: { theme: 'dark', x: { format: 'yyyy-MM-dd HH:mm' } },
    dataLabels: { enabled: false },
    legend: { show: (config.series || []).length > 1, labels: { colors: palette.text } },
    noData: { text: config.emptyText || 'No data' },
  };
}

function optionsFor(config) {
  const o = base(config);
  switch (config.kind) {
    case 'candles':
      candleOptions(o, config, { min: null, max: null, log: false });
      break;
    case 'line':
    case 'area':
      o.chart.type = config.kind;
      o.series = (config.series || []).map((s) => ({ name: s.name, data: s.points }));
      o.stroke = { width: 1.6, curve: 'straight' };
      o.colors = config.colors && config.colors.length ? config.colors : [palette.line, palette.accent, '#ba68c8', '#81c784', '#e57373', '#90a4ae'];
      o.fill = config.kind === 'area' ? { type: 'gradient', gradient: { opacityFrom: 0.35, opacityTo: 0.05 } } : { type: 'solid' };
      o.yaxis = { labels: { formatter: config.percent ? (v) => `${Number(v).toFixed(1)} %` : money } };
      if (config.percent) o.yaxis.max = config.yMax ?? undefined;
      break;
    case 'heatmap':
      o.chart.type = 'heatmap';
      o.xaxis = { type: 'category', categories: config.xCategories || [], title: { text: config.xTitle || '' } };
      o.yaxis = { title: { text: config.yTitle || '' } };
      // ApexCharts colours a missing cell as if it were 0; a sentinel value with its own neutral range keeps it blank.
      o.series = (config.rows || []).map((r) => ({ name: r.name, data: r.values.map((v, i) => ({ x: (config.xCategories || [])[i], y: v == null ? MISSING : v })) }));
      o.plotOptions = { heatmap: { shadeIntensity: 0.6, enableShades: false, colorScale: { ranges: [...(config.ranges || []), { from: MISSING - 1, to: MISSING + 1, color: '#1b212b', name: 'n/a' }] } } };
      o.dataLabels = { enabled: (config.xCategories || []).length <= 12, style: { fontSize: '10px' }, formatter: (v) => (v == null || v === MISSING ? '' : Number(v).toFixed(2)) };
      o.tooltip = { theme: 'dark', y: { formatter: (v) => (v == null || v === MISSING ? 'n/a' : Number(v).toFixed(3)) } };
      o.legend.show = false;
      o.stroke = { width: 1, colors: ['#0e1117'] };
      break;
    default:
      throw new Error(`Unknown chart kind ${config.kind}`);
  }
  if (config.title) o.title = { text: config.title, style: { color: palette.text, fontSize: '12px', fontWeight: 500 } };
  return o;
}

const MISSING = -1e12;

// ---- price charts: the visible window is re-aggregated from the full series on every zoom / pan -------------------

const MAX_BUCKETS = 1200;
const MAX_MARKERS = 200;
const PANE_COLOURS = ['#4fc3f7', '#ffb74d', '#ba68c8', '#81c784'];

/** Fills `o` with the candles, overlays, markers and y range of the window `view` ({min, max, log}). */
function candleOptions(o, config, view) {
  const all = config.candles || [];
  const span = view.min != null && view.max != null ? view.max - view.min : null;
  // a margin on both sides so a pan shows candles until the next re-aggregation
  const from = span != null ? view.min - span : null;
  const to = span != null ? view.max + span : null;
  const agg = aggregate(all, from, to, span != null ? MAX_BUCKETS * 3 : MAX_BUCKETS);
  const visible = span != null ? agg.candles.filter((c) => c[0] >= view.min && c[0] <= view.max) : agg.candles;
  view.candles = agg.candles;
  view.visible = visible.length;
  view.bucket = agg.size;
  const lines = (config.lines || []).map((l) => ({ name: l.name, points: visibleLine(l.points, from, to, MAX_BUCKETS * 2) }));
  // a log scale draws log10 of every price on a linear axis labelled with prices: ApexCharts' own logarithmic axis
  // labels only powers of ten, so a narrow window had one label or none
  const t = view.log ? (v) => (v == null || v <= 0 ? null : Math.log10(v)) : (v) => v;
  o.chart.type = 'candlestick';
  o.series = [{ name: config.name || 'Price', type: 'candlestick', data: agg.candles.map((c) => [c[0], t(c[1]), t(c[2]), t(c[3]), t(c[4])]) }];
  for (const line of lines) o.series.push({ name: line.name, type: 'line', data: view.log ? line.points.map((p) => [p[0], t(p[1])]) : line.points });
  o.stroke = { width: [1, ...lines.map(() => 1.5)] };
  o.colors = [palette.line, palette.accent, '#ba68c8', '#81c784'];
  o.plotOptions = { candlestick: { colors: { upward: palette.up, downward: palette.down }, wick: { useFillColor: true } } };
  const y = yRange(visible, config.lines, view.min, view.max, view.log);
  view.axis = y;
  view.low = visible.reduce((lo, c) => Math.min(lo, c[3]), Infinity);
  view.high = visible.reduce((hi, c) => Math.max(hi, c[2]), -Infinity);
  const ySpan = y ? y[1] - y[0] : 0;
  const digits = ySpan >= 500 ? 0 : ySpan >= 5 ? 2 : ySpan >= 0.05 ? 4 : 6;
  const axisPrice = (v) => (v == null ? '' : Number(view.log ? 10 ** v : v).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
  o.yaxis = { tooltip: { enabled: true }, labels: { formatter: axisPrice, minWidth: 64, maxWidth: 64 }, logarithmic: false, forceNiceScale: false,
    min: y ? t(y[0]) : undefined, max: y ? t(y[1]) : undefined, tickAmount: 6 };
  o.xaxis = { ...o.xaxis, min: view.min ?? undefined, max: view.max ?? undefined };
  const m = visibleMarkers(config.markers, view.min, view.max, MAX_MARKERS);
  view.markersShown = m.shown.length;
  view.markersTotal = m.total;
  const labelled = m.shown.length <= 60;
  o.annotations = {
    points: markers(m.shown.map((x) => ({ ...x, price: t(x.price), label: labelled ? (x.side === 'buy' ? 'B' : 'S') : null }))),
    xaxis: [
      ...(config.bands || []).map((b) => ({
        x: b.from, x2: b.to, fillColor: b.color, opacity: 0.16, borderColor: 'transparent', strokeDashArray: 0,
        label: { text: b.label || '', borderColor: 'transparent', orientation: 'horizontal', offsetY: -4, style: { background: 'transparent', color: b.color, fontSize: '10px' } },
      })),
      ...(view.focus != null ? [{ x: view.focus, borderColor: palette.accent, strokeDashArray: 4, label: { text: 'trade', borderColor: 'transparent', style: { background: palette.accent, color: '#0e1117', fontSize: '10px' } } }] : []),
    ],
  };
  o.legend.show = lines.length > 0;
  o.tooltip = {
    enabled: true, theme: 'dark', shared: true, intersect: false,
    custom: ({ seriesIndex, dataPointIndex, w }) => {
      const t = (w.globals.seriesX[seriesIndex] || w.globals.seriesX[0] || [])[dataPointIndex];
      if (t == null) return '';
      const i = Math.min(view.candles.length - 1, lowerBound(view.candles, t));
      const c = view.candles[i];
      if (!c) return '';
      const when = new Date(c[0]).toISOString().slice(0, 16).replace('T', ' ');
      const extra = lines.map((l) => {
        const p = l.points[Math.min(l.points.length - 1, lowerBound(l.points, c[0]))];
        return p && p[0] === c[0] ? `<div>${l.name} ${price(p[1])}</div>` : '';
      }).join('');
      return `<div class="vel-ohlcv" style="padding:6px 8px;font-size:12px;line-height:1.5">`
        + `<div style="color:${palette.text}">${when} UTC${view.bucket > 1 ? ` · ${view.bucket} candles` : ''}</div>`
        + `<div>O ${price(c[1])} H ${price(c[2])} L ${price(c[3])} C <b style="color:${c[4] >= c[1] ? palette.up : palette.down}">${price(c[4])}</b></div>`
        + (config.volume ? `<div>V ${money(c[5])}</div>` : '') + extra + '</div>';
    },
  };
  o.chart.toolbar.tools.customIcons = [{ icon: '<span style="font-size:11px;font-weight:600;line-height:24px">log</span>', index: 0, title: 'Logarithmic price scale', class: 'vel-log-toggle', click: () => {} }];
}

/** Options of a pane under the price (volume bars, or an indicator's lines with its levels) for the window `view`. */
function paneOptions(config, pane, view) {
  const o = base({ ...config, group: undefined, kind: 'pane' });
  o.chart.height = pane.height || 120;
  o.chart.toolbar = { show: false };
  o.chart.zoom = { enabled: false };
  o.legend.show = pane.series.length > 1;
  o.xaxis = { ...o.xaxis, min: view.min ?? undefined, max: view.max ?? undefined, labels: { show: false, datetimeUTC: true } };
  if (pane.kind === 'volume') {
    o.chart.type = 'bar';
    o.series = [{ name: 'Volume', data: (view.candles || []).map((c) => ({ x: c[0], y: c[5] ?? 0, fillColor: c[4] >= c[1] ? 'rgba(38,166,154,0.55)' : 'rgba(239,83,80,0.55)' })) }];
    o.plotOptions = { bar: { columnWidth: '90%' } };
    o.yaxis = { labels: { formatter: (v) => Number(v).toLocaleString('en-US', { notation: 'compact' }), minWidth: 64, maxWidth: 64 }, tickAmount: 2 };
    o.tooltip = { theme: 'dark', x: { format: 'yyyy-MM-dd HH:mm' }, y: { formatter: money } };
    return o;
  }
  const span = view.min != null && view.max != null ? view.max - view.min : null;
  o.chart.type = 'line';
  o.series = pane.series.map((s) => ({ name: s.name, data: visibleLine(s.points, span != null ? view.min - span : null, span != null ? view.max + span : null, MAX_BUCKETS * 2) }));
  o.colors = PANE_COLOURS;
  o.stroke = { width: 1.4, curve: 'straight' };
  o.yaxis = { title: { text: pane.name, style: { color: palette.text, fontSize: '11px', fontWeight: 400 } }, labels: { formatter: (v) => Number(v).toFixed(2), minWidth: 64, maxWidth: 64 }, tickAmount: pane.min != null && pane.max != null ? 4 : 3, min: pane.min ?? undefined, max: pane.max ?? undefined };
  o.annotations = { yaxis: (pane.levels || []).map((l) => ({ y: l, borderColor: palette.muted, strokeDashArray: 4, label: { text: String(l), borderColor: 'transparent', style: { background: 'transparent', color: palette.text, fontSize: '10px' } } })) };
  o.tooltip = { theme: 'dark', x: { format: 'yyyy-MM-dd HH:mm' }, y: { formatter: (v) => (v == null ? '' : Number(v).toFixed(2)) } };
  return o;
}

/** The panes under a price chart: volume when the candles carry it, then one per indicator pane. */
function panesOf(config) {
  const panes = [];
  if (config.volume) panes.push({ kind: 'volume', name: 'Volume', series: [], height: 90 });
  for (const p of config.panes || []) panes.push({ kind: 'indicator', ...p, height: 130 });
  return panes;
}

/** Draws the price chart of `entry` for the window [min, max] (nulls = everything): candles, y range, markers, panes. */
async function showWindow(entry, min, max) {
  entry.view = { ...entry.view, min, max };
  entry.redraws = (entry.redraws || 0) + 1;
  entry.element.setAttribute('data-redraws', String(entry.redraws));
  const o = base(entry.config);
  candleOptions(o, entry.config, entry.view);
  entry.applying = true;
  try {
    await entry.chart.updateOptions({ series: o.series, xaxis: o.xaxis, yaxis: o.yaxis, annotations: o.annotations, stroke: o.stroke, tooltip: o.tooltip }, false, false);
  } finally {
    entry.applying = false;
  }
  const specs = new Map(panesOf(entry.config).map((spec) => [spec.name, spec]));
  for (const pane of entry.panes || []) {
    // the pane's series of the current config: a live chart's indicators grow with each candle
    pane.spec = specs.get(pane.spec.name) ?? pane.spec;
    const p = paneOptions(entry.config, pane.spec, entry.view);
    await pane.chart.updateOptions({ series: p.series, xaxis: p.xaxis, yaxis: p.yaxis, annotations: p.annotations || {} }, false, false);
  }
  markWindow(entry);
}

/** What the page and the tests can read about the window: candles drawn, bucket size, markers shown of those inside. */
function markWindow(entry) {
  const v = entry.view;
  const el = entry.element;
  el.setAttribute('data-chart-points', String(v.visible ?? 0));
  el.setAttribute('data-candles-total', String((entry.config.candles || []).length));
  el.setAttribute('data-bucket', String(v.bucket ?? 1));
  el.setAttribute('data-window', v.min == null ? 'all' : `${Math.round(v.min)}-${Math.round(v.max)}`);
  el.setAttribute('data-log', v.log ? 'true' : 'false');
  el.setAttribute('data-markers-shown', String(v.markersShown ?? 0));
  el.setAttribute('data-markers-total', String(v.markersTotal ?? 0));
  // the price axis against the lowest low and highest high of the candles in view: a fitted axis hugs them
  el.setAttribute('data-y-axis', v.axis ? `${v.axis[0]}:${v.axis[1]}` : '');
  el.setAttribute('data-y-visible', Number.isFinite(v.low) ? `${v.low}:${v.high}` : '');
  let note = el.querySelector(':scope > .vel-chart-note');
  if (!note) {
    note = document.createElement('div');
    note.className = 'vel-chart-note';
    el.appendChild(note);
  }
  const thinned = v.markersShown < v.markersTotal ? ` · trade markers thinned: ${v.markersShown} of ${v.markersTotal} in view (zoom in to see all)` : '';
  note.textContent = `${(v.visible ?? 0).toLocaleString('en-US')} candles in view${v.bucket > 1 ? `, each merging ${v.bucket}` : ''}${thinned}`;
}

/** A debounced window change (zoom, pan): re-aggregates once the gesture settles. */
function scheduleWindow(entry, min, max) {
  if (entry.applying) return;
  const candles = entry.config.candles || [];
  // a window that takes in every candle is the full view (ApexCharts reports one when a redraw cuts a selection short)
  if (min != null && candles.length && min <= candles[0][0] && max >= candles[candles.length - 1][0]) {
    min = null;
    max = null;
  }
  clearTimeout(entry.windowTimer);
  entry.nextWindow = { min, max };
  entry.windowTimer = setTimeout(() => applyNextWindow(entry), 120);
}

/** Draws the window the last zoom or pan asked for, unless it has been drawn already. */
function applyNextWindow(entry) {
  clearTimeout(entry.windowTimer);
  const next = entry.nextWindow;
  entry.nextWindow = null;
  if (next) serialized(entry, () => showWindow(entry, next.min, next.max));
}

/** Chart events of a price chart: zoom and pan re-aggregate, reset shows everything, the log button toggles the scale. */
function priceEvents(entry, o) {
  o.chart.events = {
    zoomed: (_, { xaxis }) => scheduleWindow(entry, xaxis.min, xaxis.max),
    scrolled: (_, { xaxis }) => scheduleWindow(entry, xaxis.min, xaxis.max),
    beforeResetZoom: () => { scheduleWindow(entry, null, null); return { xaxis: { min: undefined, max: undefined } }; },
  };
  o.chart.toolbar.tools.customIcons[0].click = () => {
    entry.view.log = !entry.view.log;
    serialized(entry, () => showWindow(entry, entry.view.min, entry.view.max));
  };
}

/** Creates a price chart with its panes inside `element`. */
async function createPrice(element, config, entry) {
  element.replaceChildren();
  // how often the chart was drawn from scratch (tests check that new live data does not redraw it so)
  element.setAttribute('data-creates', String(parseInt(element.getAttribute('data-creates') || '0', 10) + 1));
  const main = document.createElement('div');
  element.appendChild(main);
  main.addEventListener('pointerdown', () => holdWhileDragging(entry));
  // where the mouse rests over the chart: a live redraw hides the crosshair tooltip, which is shown again there
  main.addEventListener('pointermove', (e) => { entry.pointer = { x: e.clientX, y: e.clientY }; });
  main.addEventListener('pointerleave', () => { entry.pointer = null; });
  // drawn again (its indicator panes changed as a live strategy warmed up): the trader's window and scale stay
  entry.view = entry.view ? { ...entry.view } : { min: null, max: null, log: false };
  const o = base(config);
  candleOptions(o, config, entry.view);
  priceEvents(entry, o);
  entry.chart = new ApexCharts(main, o);
  entry.panes = [];
  for (const spec of panesOf(config)) {
    const div = document.createElement('div');
    div.className = 'vel-chart-pane';
    div.setAttribute('data-pane', spec.name);
    element.appendChild(div);
    entry.panes.push({ spec, chart: new ApexCharts(div, paneOptions(config, spec, entry.view)) });
  }
  await entry.chart.render();
  for (const pane of entry.panes) await pane.chart.render();
  markWindow(entry);
}

/**
 * While a button is down on a price chart (a zoom selection or a pan being dragged), new data is held back: a live
 * chart redrawn mid-drag cut the selection short and zoomed to almost everything instead of what was selected. The
 * newest data held is drawn once the button is released, after the window ApexCharts reported on release.
 */
function holdWhileDragging(entry) {
  if (entry.dragging) return;
  entry.dragging = true;
  const release = () => {
    for (const type of ['pointerup', 'pointercancel', 'blur']) window.removeEventListener(type, release);
    entry.dragging = false;
    setTimeout(() => {
      if (charts.get(entry.id) !== entry) return;
      // the window selected on the candles shown during the drag comes first; the held data then moves it along
      applyNextWindow(entry);
      const held = entry.held;
      entry.held = null;
      if (held) update(entry.id, held);
    }, 0);
  };
  for (const type of ['pointerup', 'pointercancel', 'blur']) window.addEventListener(type, release);
}

/**
 * New live data redraws the chart, which hides its crosshair tooltip: with the mouse still resting over the plot, the
 * tooltip is shown again at the same place (the trader keeps reading the candle under the mouse as the tape moves).
 */
function reshowTooltip(entry) {
  const p = entry.pointer;
  if (!p || entry.dragging) return;
  const target = document.elementFromPoint(p.x, p.y);
  if (!target || !entry.element.contains(target)) return;
  target.dispatchEvent(new MouseEvent('mousemove', { clientX: p.x, clientY: p.y, bubbles: true, cancelable: true, view: window }));
}

/** Centres a price chart on `time` (a trade), keeping the zoom if it is narrower than `span`. */
export function focus(id, time, span) {
  const entry = charts.get(id);
  if (!entry || entry.config.kind !== 'candles') return Promise.resolve();
  return serialized(entry, async () => {
    const current = entry.view.min != null ? entry.view.max - entry.view.min : Infinity;
    const width = Math.min(current, span);
    entry.view.focus = time;
    await showWindow(entry, time - width / 2, time + width / 2);
    entry.element.setAttribute('data-focus', String(time));
    entry.element.scrollIntoView({ block: 'nearest', behavior: 'instant' });
  });
}

/** Sets the price scale of a price chart (tests and a page's own toggle). */
export function setLog(id, log) {
  const entry = charts.get(id);
  if (!entry || entry.config.kind !== 'candles') return Promise.resolve();
  return serialized(entry, async () => {
    entry.view.log = !!log;
    await showWindow(entry, entry.view.min, entry.view.max);
  });
}

function markers(list) {
  return (list || []).map((m) => ({
    x: m.time,
    y: m.price,
    marker: { size: 5, fillColor: m.side === 'buy' ? palette.up : palette.down, strokeColor: '#0e1117', strokeWidth: 1, shape: m.side === 'buy' ? 'circle' : 'square' },
    // no label element at all for unlabelled markers: hundreds of empty labels slow ApexCharts down
    ...(m.label ? {
      label: {
        text: m.label, borderColor: 'transparent', offsetY: m.side === 'buy' ? 32 : -8,
        style: { background: m.side === 'buy' ? palette.up : palette.down, color: '#0e1117', fontSize: '10px', padding: { left: 3, right: 3, top: 1, bottom: 1 } },
      },
    } : {}),
  }));
}

/** Creates a chart in `element`; returns its handle. */
export async function create(element, config) {
  for (const [id, entry] of charts) {
    if (entry.element !== element) continue;
    // a chart the server forgot after an error: let whatever it is doing finish, then remove it, before drawing anew
    charts.delete(id);
    await (entry.pending || Promise.resolve());
    try { entry.chart.destroy(); } catch { /* already gone */ }
    for (const pane of entry.panes || []) { try { pane.chart.destroy(); } catch { /* already gone */ } }
  }
  const id = nextId++;
  const entry = { id, config, element };
  charts.set(id, entry);
  let rendered;
  if (config.kind === 'candles') {
    rendered = createPrice(element, config, entry);
  } else {
    entry.chart = new ApexCharts(element, optionsFor(config));
    rendered = entry.chart.render();
  }
  entry.pending = rendered.catch(() => {});
  await rendered;
  element.setAttribute('data-chart-ready', 'true');
  if (config.kind !== 'candles') element.setAttribute('data-chart-points', String(countPoints(config)));
  element.__velocitasChart = id;
  return id;
}

/**
 * Runs one operation on a chart after the previous one finished: Blazor can start the next render's update before
 * the last one is done, and ApexCharts does not survive overlapping updates.
 */
function serialized(entry, op) {
  const next = (entry.pending || Promise.resolve()).then(op, op);
  entry.pending = next.catch(() => {});
  return next;
}

/** Draws the chart afresh from its config (when ApexCharts refuses an in-place change). */
async function rerender(entry) {
  const element = entry.element;
  try { entry.chart.destroy(); } catch { /* already gone */ }
  for (const pane of entry.panes || []) { try { pane.chart.destroy(); } catch { /* already gone */ } }
  if (entry.config.kind === 'candles') {
    await createPrice(element, entry.config, entry);
    return;
  }
  entry.chart = new ApexCharts(element, optionsFor(entry.config));
  await entry.chart.render();
}

/**
 * A zoomed live chart as new candles arrive: a window at the newest candle moves along with it (same width), and a
 * window the series has left behind (its candles dropped off the tape) jumps to the newest candles.
 */
function followNewest(view, before, after) {
  if (view.min == null || view.max == null || after.length === 0) return;
  const span = view.max - view.min;
  const last = after[after.length - 1][0];
  const lastBefore = before.length ? before[before.length - 1][0] : null;
  if (lastBefore != null && last > lastBefore && view.max >= lastBefore - span * 0.05) {
    view.min += last - lastBefore;
    view.max += last - lastBefore;
  } else if (view.max < after[0][0]) {
    view.max = last;
    view.min = last - span;
  }
}

/** Replaces the data of a chart without re-creating it (re-creates it in place if ApexCharts refuses the update). */
export function update(id, config) {
  const entry = charts.get(id);
  if (!entry) return Promise.resolve();
  entry.latest = config;
  return serialized(entry, async () => {
    if (!charts.has(id)) return;
    // a newer update is queued behind this one: only the newest is drawn, so a busy browser never falls behind the tape
    if (entry.latest !== config) return;
    if (config.kind === 'candles' && entry.dragging) {
      entry.held = config; // drawn on release (holdWhileDragging)
      return;
    }
    const wasEmpty = countPoints(entry.config) === 0;
    const samePanes = JSON.stringify(panesOf(entry.config).map((p) => p.name)) === JSON.stringify(panesOf(config).map((p) => p.name));
    if (config.kind === 'candles' && entry.view) followNewest(entry.view, entry.config.candles || [], config.candles || []);
    entry.config = config;
    if (config.kind === 'candles') {
      // new data keeps the trader's window and scale: redraw that window from the new series
      if (wasEmpty || !samePanes) await rerender(entry);
      else await showWindow(entry, entry.view.min, entry.view.max);
      reshowTooltip(entry);
      entry.element.setAttribute('data-chart-ready', 'true');
      return;
    }
    const o = optionsFor(config);
    try {
      if (wasEmpty) throw new Error('first data: render afresh');
      // only what this kind of chart sets: an undefined plotOptions would wipe ApexCharts' defaults and break its redraw
      const changes = { annotations: o.annotations || { points: [] } };
      for (const key of ['yaxis', 'xaxis', 'colors', 'plotOptions']) if (o[key] !== undefined) changes[key] = o[key];
      await entry.chart.updateOptions(changes, false, false);
      await entry.chart.updateSeries(o.series, false);
    } catch (e) {
      if (!wasEmpty) console.warn('velocitas-charts: update failed, redrawing', e);
      await rerender(entry);
    }
    entry.element.setAttribute('data-chart-ready', 'true');
    entry.element.setAttribute('data-chart-points', String(countPoints(config)));
  });
}

/** Appends points to each series (live charts), keeping at most `keep` per series. */
export function append(id, seriesPoints, keep) {
  const entry = charts.get(id);
  if (!entry) return Promise.resolve();
  return serialized(entry, async () => {
    if (!charts.has(id)) return;
    // the config stays the source of truth, so a failed in-place update can always be redrawn from it
    const series = (entry.config.series || []).map((s, i) => {
      const points = s.points.concat(seriesPoints[i] || []);
      return { ...s, points: keep && points.length > keep ? points.slice(points.length - keep) : points };
    });
    entry.config = { ...entry.config, series };
    try {
      await entry.chart.updateSeries(series.map((s) => ({ name: s.name, data: s.points })), false);
    } catch (e) {
      console.warn('velocitas-charts: append failed, redrawing', e);
      await rerender(entry);
    }
    entry.element.setAttribute('data-chart-points', String(countPoints(entry.config)));
  });
}

/** Removes a chart and frees its resources. */
export function destroy(id) {
  const entry = charts.get(id);
  if (!entry) return;
  charts.delete(id);
  clearTimeout(entry.windowTimer);
  serialized(entry, () => {
    try { entry.chart.destroy(); } catch { /* already gone */ }
    for (const pane of entry.panes || []) { try { pane.chart.destroy(); } catch { /* already gone */ } }
  });
}

function countPoints(config) {
  if (config.kind === 'candles') return (config.candles || []).length;
  if (config.kind === 'heatmap') return (config.rows || []).reduce((n, r) => n + r.values.length, 0);
  return (config.series || []).reduce((n, s) => n + s.points.length, 0);
}
