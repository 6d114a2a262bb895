import type { Denoiser } from '../samplers/types';

/**
 * A distribution whose noised marginals p_σ = p_data ∗ N(0, σ²I) are known in closed form.
 * States are flat Float64Arrays of n points × `dim` coordinates; every method works per point.
 */
export interface AnalyticModel {
  dim: number;
  /** D(x, σ) = E[x0 | x0 + σε = x]. */
  denoise: Denoiser<Float64Array>;
  /** ∇_x log p_σ(x) = (D(x, σ) − x) / σ² (Tweedie). Requires σ > 0. */
  score(x: Float64Array, sigma: number): Float64Array;
  /** log p_σ(x), one value per point. Requires σ > 0 unless the model is absolutely continuous. */
  logDensity(x: Float64Array, sigma: number): Float64Array;
}

export function checkState(x: Float64Array, dim: number, sigma: number): number {
  if (x.length % dim !== 0)
    throw new Error(`state length ${x.length} is not a multiple of dim ${dim}`);
  if (!(sigma >= 0) || !Number.isFinite(sigma))
    throw new Error(`σ must be finite and ≥ 0, got ${sigma}`);
  return x.length / dim;
}
