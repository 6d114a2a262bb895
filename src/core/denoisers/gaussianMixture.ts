/** A Gaussian mixture in d dimensions: weights sum to 1, means[k] has length d, covs[k] is d×d SPD (or PSD). */
export interface GaussianMixture {
  weights: number[];
  means: number[][];
  covs: number[][][];
}
