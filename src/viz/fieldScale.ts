/** Pure helpers for scaling a vector field's arrows; no DOM. */

/**
 * The q-quantile of the first `n` values, linearly interpolated between order statistics
 * (Hyndman & Fan type 7: numpy's default, d3.quantile). Sorts `values` in place.
 */
export function quantileInPlace(
  values: Float32Array | Float64Array,
  q: number,
  n = values.length,
): number {
  if (n === 0) return NaN;
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile: q must be in [0, 1], got ${q}`);
  const sorted = values.subarray(0, n).sort();
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Robust maximum norm of a flat (vx, vy) field: the q-quantile (default 0.95) of the finite
 * norms, so a few huge vectors (near σ → 0 the score blows up) do not flatten the rest.
 * `scratch` (at least vectors.length / 2 long) avoids allocating on every frame.
 */
export function robustMaxNorm(
  vectors: Float32Array,
  q = 0.95,
  scratch = new Float32Array(vectors.length / 2),
): number {
  let n = 0;
  for (let i = 0; i + 1 < vectors.length; i += 2) {
    const norm = Math.hypot(vectors[i], vectors[i + 1]);
    if (Number.isFinite(norm)) scratch[n++] = norm;
  }
  return quantileInPlace(scratch, q, n);
}

/**
 * Arrow length in units of the cell width for a vector of norm `norm` when `robustMax` maps to
 * `maxLength` cells: proportional, capped at maxLength (outliers are drawn at full length).
 */
export function arrowLength(norm: number, robustMax: number, maxLength = 0.9): number {
  if (!(robustMax > 0) || !Number.isFinite(norm)) return 0;
  return Math.min(maxLength, (maxLength * norm) / robustMax);
}
