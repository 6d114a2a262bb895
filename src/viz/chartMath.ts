/** Pure helpers shared by the line charts; no DOM. */

/**
 * [min, max] over every value of `arrays` that can be drawn: finite, and > 0 on a log axis.
 * A flat range is widened (±1 linear, ×/÷ 10 log) so a scale can still be built; no value → null.
 */
export function drawableExtent(
  arrays: readonly ArrayLike<number>[],
  log: boolean,
): [number, number] | null {
  let [lo, hi] = [Infinity, -Infinity];
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (!Number.isFinite(v) || (log && v <= 0)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) return null;
  if (lo === hi) return log ? [lo / 10, hi * 10] : [lo - 1, hi + 1];
  return [lo, hi];
}

/**
 * Linear interpolation of (xs, ys) at x, xs ascending; clamped to the end values outside
 * [xs[0], xs[n−1]]. Binary search: O(log n).
 */
export function interpolateAt(xs: ArrayLike<number>, ys: ArrayLike<number>, x: number): number {
  const n = xs.length;
  if (n === 0) return NaN;
  if (x <= xs[0]) return ys[0];
  if (x >= xs[n - 1]) return ys[n - 1];
  let [lo, hi] = [0, n - 1];
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid;
  }
  const w = (x - xs[lo]) / (xs[hi] - xs[lo]);
  return ys[lo] + w * (ys[hi] - ys[lo]);
}
