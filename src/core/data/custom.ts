import { uniformAt } from '../rng';

/** Stream key of the resampling draws (far above the sampler noise keys 1 + 8·step + sub). */
const RESAMPLE_KEY = 0x7fffffff;

/**
 * n points drawn uniformly with replacement from a user's point set (flat x, y): samples of
 * the empirical distribution (1/m) Σ δ(x − x_i) that the exact denoiser of that set models.
 * Draw j uses uniform j of the seed's resampling stream, so (points, n, seed) fixes the result.
 */
export function resamplePoints(points: Float64Array, n: number, seed: number): Float64Array {
  const m = points.length / 2;
  if (!Number.isInteger(m) || m < 1)
    throw new Error(`resamplePoints: need at least one 2D point, got ${points.length} values`);
  const out = new Float64Array(2 * n);
  for (let j = 0; j < n; j++) {
    const i = Math.min(m - 1, Math.floor(uniformAt(seed, RESAMPLE_KEY, j) * m));
    out[2 * j] = points[2 * i];
    out[2 * j + 1] = points[2 * i + 1];
  }
  return out;
}
