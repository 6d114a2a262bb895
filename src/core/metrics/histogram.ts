export interface Grid2D {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  /** Bins per axis. */
  bins: number;
}

/** Counts of 2D points per grid cell, row-major (x index major); points outside the grid are dropped. */
export function histogram2d(points: Float64Array, grid: Grid2D): Float64Array {
  const { xMin, xMax, yMin, yMax, bins } = grid;
  if (!Number.isInteger(bins) || bins < 1)
    throw new Error(`histogram2d: bins must be a positive integer, got ${bins}`);
  if (!(xMax > xMin) || !(yMax > yMin))
    throw new Error('histogram2d: the grid needs xMax > xMin and yMax > yMin');
  if (points.length % 2 !== 0)
    throw new Error(`histogram2d: length ${points.length} is not a multiple of 2`);
  const counts = new Float64Array(bins * bins);
  const [sx, sy] = [bins / (xMax - xMin), bins / (yMax - yMin)];
  for (let i = 0; i < points.length; i += 2) {
    const ix = Math.floor((points[i] - xMin) * sx);
    const iy = Math.floor((points[i + 1] - yMin) * sy);
    if (ix >= 0 && ix < bins && iy >= 0 && iy < bins) counts[ix * bins + iy]++;
  }
  return counts;
}

function normalised(h: Float64Array, smoothing: number): Float64Array {
  let total = 0;
  for (const v of h) total += v + smoothing;
  if (!(total > 0)) throw new Error('histogram is empty');
  return h.map((v) => (v + smoothing) / total);
}

/**
 * KL(p ‖ q) = Σ p_i log(p_i / q_i) in nats between two histograms (normalised here after adding
 * `smoothing` to every bin). Bins with p_i = 0 add 0; p_i > 0 with q_i = 0 gives Infinity.
 */
export function klDivergence(p: Float64Array, q: Float64Array, smoothing = 0): number {
  if (p.length !== q.length) throw new Error(`klDivergence: ${p.length} bins vs ${q.length}`);
  const [pn, qn] = [normalised(p, smoothing), normalised(q, smoothing)];
  let kl = 0;
  for (let i = 0; i < pn.length; i++) if (pn[i] > 0) kl += pn[i] * Math.log(pn[i] / qn[i]);
  return kl;
}

/** Jensen–Shannon divergence in nats: symmetric, finite, at most log 2. */
export function jensenShannon(p: Float64Array, q: Float64Array): number {
  const [pn, qn] = [normalised(p, 0), normalised(q, 0)];
  const m = pn.map((v, i) => (v + qn[i]) / 2);
  return (klDivergence(pn, m) + klDivergence(qn, m)) / 2;
}

/**
 * Grid KL between two 2D samples: KL of their histograms on `grid`, each bin given a
 * pseudo-count `smoothing` (default 0.5) so empty model bins do not make it infinite.
 */
export function gridKL(
  data: Float64Array,
  model: Float64Array,
  grid: Grid2D,
  smoothing = 0.5,
): number {
  return klDivergence(histogram2d(data, grid), histogram2d(model, grid), smoothing);
}
