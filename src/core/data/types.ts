import type { GaussianMixture } from '../denoisers/gaussianMixture';

/** A 2D toy distribution, normalised to mean ≈ 0 and mean per-coordinate variance ≈ 1. */
export interface Dataset {
  id: string;
  title: string;
  /** n points, flat [x0, y0, x1, y1, …]; the same (n, seed) always gives the same points. */
  sample(n: number, seed: number): Float64Array;
  /** Exact parameters where the distribution is a Gaussian mixture (enables the analytic denoiser). */
  mixture?: GaussianMixture;
}
