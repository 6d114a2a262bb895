import { getDataset } from '../data';
import { EXACT_POINT_COUNT, EXACT_SEED } from '../data/exact';
import { empiricalModel } from '../denoisers/empirical';
import type { Denoiser } from '../samplers/types';
import { discMixtureDenoiser } from './discMixture';
import { halfPlaneMixtureDenoiser } from './halfPlaneMixture';
import { pointsInside, type Region } from './region';

/**
 * The exact denoiser of a 2D data set restricted to a region, E[x0 | x_σ, x0 ∈ R]: for a
 * Gaussian mixture and a half-plane the closed form (halfPlaneMixture.ts), and a disc by
 * one-dimensional quadrature (discMixture.ts); for a point set (the exact model of a non-mixture
 * data set, or the user's points) the empirical denoiser of the points inside R, which is its
 * restriction exactly.
 */
export function exactRegionDenoiser(
  datasetId: string,
  region: Region,
  points?: Float64Array,
): Denoiser<Float64Array> {
  const restricted = (data: Float64Array) => {
    const inside = pointsInside(region, data);
    if (inside.length === 0) throw new Error('the region holds none of the data points');
    return empiricalModel(inside).denoise;
  };
  if (points) return restricted(points);
  const dataset = getDataset(datasetId);
  const draws = () => dataset.sample(EXACT_POINT_COUNT, EXACT_SEED);
  if (!dataset.mixture) return restricted(draws());
  return region.kind === 'half'
    ? halfPlaneMixtureDenoiser(dataset.mixture, region)
    : discMixtureDenoiser(dataset.mixture, region);
}
