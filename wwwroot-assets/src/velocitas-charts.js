// Velocitas chart interop: a thin, typed-from-C# layer over ApexCharts 4.7.0 (MIT).
// Each chart is created once, updated in place (series replaced or points appended) and destroyed with its component.
import ApexCharts from './apexcharts.esm.js';

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
      o.chart.type = 'candlestick';
      o.series = [{ name: config.name || 'Price', type: 'candlestick', data: config.candles || [] }];
      for (const line of config.lines || []) o.series.push({ name: line.name, type: 'line', data: line.points });
      o.stroke = { width: [1, ...(config.lines || []).map(() => 1.5)] };
      o.colors = [palette.line, palette.accent, '#ba68c8', '#81c784'];
      o.plotOptions = { candlestick: { colors: { upward: palette.up, downward: palette.down }, wick: { useFillColor: true } } };
      o.yaxis = { tooltip: { enabled: true }, labels: { formatter: price } };
      o.annotations = {
        points: markers(config.markers),
        xaxis: (config.bands || []).map((b) => ({
          x: b.from, x2: b.to, fillColor: b.color, opacity: 0.16, borderColor: 'transparent', strokeDashArray: 0,
          label: { text: b.label || '', borderColor: 'transparent', orientation: 'horizontal', offsetY: -4, style: { background: 'transparent', color: b.color, fontSize: '10px' } },
        })),
      };
      o.legend.show = (config.lines || []).length > 0;
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

function markers(list) {
  return (list || []).map((m) => ({
    x: m.time,
    y: m.price,
    marker: { size: 5, fillColor: m.side === 'buy' ? palette.up : palette.down, strokeColor: '#0e1117', strokeWidth: 1, shape: m.side === 'buy' ? 'circle' : 'square' },
    label: {
      text: m.label || '', borderColor: 'transparent', offsetY: m.side === 'buy' ? 32 : -8,
      style: m.label
        ? { background: m.side === 'buy' ? palette.up : palette.down, color: '#0e1117', fontSize: '10px', padding: { left: 3, right: 3, top: 1, bottom: 1 } }
        : { background: 'transparent' },
    },
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
  }
  const chart = new ApexCharts(element, optionsFor(config));
  const id = nextId++;
  const entry = { chart, config, element };
  charts.set(id, entry);
  const rendered = chart.render();
  entry.pending = rendered.catch(() => {});
  await rendered;
  element.setAttribute('data-chart-ready', 'true');
  element.setAttribute('data-chart-points', String(countPoints(config)));
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
  entry.chart = new ApexCharts(element, optionsFor(entry.config));
  await entry.chart.render();
}

/** Replaces the data of a chart without re-creating it (re-creates it in place if ApexCharts refuses the update). */
export function update(id, config) {
  const entry = charts.get(id);
  if (!entry) return Promise.resolve();
  return serialized(entry, async () => {
    if (!charts.has(id)) return;
    const o = optionsFor(config);
    const wasEmpty = countPoints(entry.config) === 0;
    entry.config = config;
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
  serialized(entry, () => { try { entry.chart.destroy(); } catch { /* already gone */ } });
}

function countPoints(config) {
  if (config.kind === 'candles') return (config.candles || []).length;
  if (config.kind === 'heatmap') return (config.rows || []).reduce((n, r) => n + r.values.length, 0);
  return (config.series || []).reduce((n, s) => n + s.points.length, 0);
}
