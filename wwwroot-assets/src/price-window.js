// What a price chart shows of a time window: candles re-aggregated to the window (level of detail), the y range of
// what is visible, and the trade markers inside it (thinned evenly, and said so, above a limit).
// Pure functions over plain arrays: candles are [time, open, high, low, close, volume?] in time order.

/** Index of the first candle with time >= t. */
export function lowerBound(candles, t) {
  let lo = 0, hi = candles.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (candles[mid][0] < t) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** The candles of [min, max] merged into at most `maxBuckets` candles (each bucket: first open, max high, min low, last close, summed volume). */
export function aggregate(candles, min, max, maxBuckets) {
  const from = min == null ? 0 : lowerBound(candles, min);
  const to = max == null ? candles.length : Math.min(candles.length, lowerBound(candles, max + 1));
  const n = to - from;
  if (n <= 0) return { candles: [], size: 1 };
  const size = Math.max(1, Math.ceil(n / maxBuckets));
  const out = [];
  for (let start = from; start < to; start += size) {
    const end = Math.min(to, start + size);
    const first = candles[start];
    let high = first[2], low = first[3], volume = first[5] ?? 0;
    for (let i = start + 1; i < end; i++) {
      const c = candles[i];
      if (c[2] > high) high = c[2];
      if (c[3] < low) low = c[3];
      volume += c[5] ?? 0;
    }
    out.push([first[0], first[1], high, low, candles[end - 1][4], volume]);
  }
  return { candles: out, size };
}

/** [low, high] of the visible candles and lines, padded 4 % (of the log range on a log scale); null when nothing is visible. */
export function yRange(candles, lines, min, max, log) {
  let lo = Infinity, hi = -Infinity;
  for (const c of candles) { if (c[3] < lo) lo = c[3]; if (c[2] > hi) hi = c[2]; }
  for (const line of lines || []) {
    for (const p of line.points) {
      if (p[1] == null || (min != null && p[0] < min) || (max != null && p[0] > max)) continue;
      if (p[1] < lo) lo = p[1];
      if (p[1] > hi) hi = p[1];
    }
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return null;
  if (log && lo > 0) {
    // fitted like the linear axis: a fixed ±2 % of the price left a zoomed window's candles flat on a log scale
    const l = Math.log10(lo), h = Math.log10(hi);
    const p = (h - l) * 0.04 || 0.004;
    return [10 ** (l - p), 10 ** (h + p)];
  }
  const pad = (hi - lo) * 0.04 || Math.abs(hi) * 0.01 || 1;
  return [lo - pad, hi + pad];
}

/** The markers inside [min, max]; above `limit`, every k-th so that at most `limit` remain. */
export function visibleMarkers(markers, min, max, limit) {
  const inside = (markers || []).filter((m) => (min == null || m.time >= min) && (max == null || m.time <= max));
  if (inside.length <= limit) return { shown: inside, total: inside.length };
  const step = inside.length / limit;
  const shown = [];
  for (let i = 0; i < limit; i++) shown.push(inside[Math.floor(i * step)]);
  return { shown, total: inside.length };
}

/** The points of a line inside [min, max], sampled to at most `maxPoints`. */
export function visibleLine(points, min, max, maxPoints) {
  const inside = points.filter((p) => (min == null || p[0] >= min) && (max == null || p[0] <= max));
  if (inside.length <= maxPoints) return inside;
  const step = inside.length / maxPoints;
  const out = [];
  for (let i = 0; i < maxPoints; i++) out.push(inside[Math.floor(i * step)]);
  out.push(inside[inside.length - 1]);
  return out;
}

/** A line resampled to the buckets: one point per bucket, the line's last value inside it (null before the line starts). */
export function alignLine(points, buckets) {
  const out = new Array(buckets.length);
  let j = 0;
  let last = null;
  for (let b = 0; b < buckets.length; b++) {
    const end = b + 1 < buckets.length ? buckets[b + 1][0] : Infinity;
    while (j < points.length && points[j][0] < end) { last = points[j][1]; j++; }
    out[b] = [buckets[b][0], j === 0 ? null : last];
  }
  return out;
}
