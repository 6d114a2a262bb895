import type { Denoiser } from '../samplers/types';

/**
 * D at a different σ per row: rows are grouped by their level and each group goes through the
 * denoiser once (an analytic denoiser takes one σ per call). x is flat [n, dim].
 */
export function denoisePerRow(
  denoise: Denoiser<Float64Array>,
  x: Float64Array,
  sigmaOfRow: ArrayLike<number>,
  dim = 2,
): Float64Array {
  const n = sigmaOfRow.length;
  if (x.length !== n * dim) throw new Error(`denoisePerRow: ${x.length} values for ${n} rows`);
  const rowsBySigma = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const rows = rowsBySigma.get(sigmaOfRow[i]);
    if (rows) rows.push(i);
    else rowsBySigma.set(sigmaOfRow[i], [i]);
  }
  const out = new Float64Array(x.length);
  for (const [sigma, rows] of rowsBySigma) {
    const group = new Float64Array(rows.length * dim);
    rows.forEach((r, k) => group.set(x.subarray(r * dim, r * dim + dim), k * dim));
    const d = denoise(group, sigma);
    rows.forEach((r, k) => out.set(d.subarray(k * dim, k * dim + dim), r * dim));
  }
  return out;
}

/** a + r_i·(b − a) row by row: r is per row, a and b flat [n, dim]. */
export function lerpRows(a: Float64Array, b: Float64Array, r: ArrayLike<number>, dim = 2) {
  const out = new Float64Array(a.length);
  for (let i = 0; i < out.length; i++) {
    const ri = r[Math.floor(i / dim)];
    out[i] = a[i] + ri * (b[i] - a[i]);
  }
  return out;
}
