import type { AnalyticModel } from '../denoisers/analytic';
import { empiricalModel } from '../denoisers/empirical';
import { gaussianMixtureModel } from '../denoisers/gaussianMixture';
import { getDataset } from './index';

/** The fixed point set behind the `exact` model of a data set that is not a Gaussian mixture. */
export const EXACT_POINT_COUNT = 2000;
export const EXACT_SEED = 2022;

export interface ExactModel {
  kind: 'mixture' | 'empirical';
  model: AnalyticModel;
}

/**
 * The analytic ("exact") model of data set `id`: the Gaussian-mixture denoiser where the data set
 * is a mixture, otherwise the empirical denoiser over EXACT_POINT_COUNT points drawn with EXACT_SEED.
 */
export function exactModel(id: string): ExactModel {
  const dataset = getDataset(id);
  if (dataset.mixture) return { kind: 'mixture', model: gaussianMixtureModel(dataset.mixture) };
  return {
    kind: 'empirical',
    model: empiricalModel(dataset.sample(EXACT_POINT_COUNT, EXACT_SEED)),
  };
}
