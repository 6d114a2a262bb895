import { getDataset } from '../data';
import { EXACT_POINT_COUNT, EXACT_SEED } from '../data/exact';
import { empiricalModel } from '../denoisers/empirical';
import type { Denoiser } from '../samplers/types';
import { halfPlaneMixtureDenoiser } from './halfPlaneMixture';
import { pointsInside, type Region } from './region';

export interface ExactRegionModel {
  denoise: Denoiser<Float64Array>;
  /** What the exact model is exact for, when it is not the data set's own distribution. */
  note: string | null;
}

/**
 * The exact denoiser of a 2D data set restricted to a region, E[x0 | x_σ, x0 ∈ R]: for a
 * Gaussian mixture and a half-plane the closed form (halfPlaneMixture.ts); for a point set
 * (the exact model of a non-mixture data set, or the user's points) the empirical denoiser of
 * the points inside R, which is its restriction exactly. A disc on a mixture has no closed form
 * here, so it is the restriction of the mixture's EXACT_POINT_COUNT seeded draws, with a note.
 */
export function exactRegionDenoiser(
  datasetId: string,
  region: Region,
  points?: Float64Array,
): ExactRegionModel {
  const restricted = (data: Float64Array) => {
    const inside = pointsInside(region, data);
    if (inside.length === 0) throw new Error('the region holds none of the data points');
    return empiricalModel(inside).denoise;
  };
  if (points) return { denoise: restricted(points), note: null };
  const dataset = getDataset(datasetId);
  const draws = () => dataset.sample(EXACT_POINT_COUNT, EXACT_SEED);
  if (!dataset.mixture) return { denoise: restricted(draws()), note: null };
  if (region.kind === 'half')
    return { denoise: halfPlaneMixtureDenoiser(dataset.mixture, region), note: null };
  return {
    denoise: restricted(draws()),
    note: `a disc on a Gaussian mixture has no closed-form guidance here: the exact model is that of ${EXACT_POINT_COUNT} draws of the mixture inside the disc`,
  };
}
