import { getDataset } from '../data';
import { empiricalModel } from '../denoisers/empirical';
import { gaussianMixtureModel } from '../denoisers/gaussianMixture';
import type { AnalyticModel } from '../denoisers/analytic';
import { INITIAL_NOISE_KEY, normals } from '../rng';
import { edmProcess, subVpProcess, veProcess, vpProcess } from '../schedules/continuous';
import { makeDiscreteVP } from '../schedules/discreteVP';
import { makeSigmaGrid, makeTimestepGrid } from '../schedules/grid';
import type { Process } from '../schedules/process';
import { requireSampler } from '../samplers/registry';
import type { SamplerDef, SamplerParams, SamplingGrid } from '../samplers/types';
import type { SceneSettings } from './settings';

/** Points in the empirical denoiser of a data set that is not a Gaussian mixture. */
export const EXACT_SUPPORT_POINTS = 2000;
/** Seed of that fixed support set (independent of the sampling seed). */
export const EXACT_SUPPORT_SEED = 12345;

export function makeProcess(s: Pick<SceneSettings, 'process' | 'betaSchedule'>): Process {
  switch (s.process) {
    case 'vp-discrete':
      return makeDiscreteVP({ kind: s.betaSchedule, numTrainTimesteps: 1000 });
    case 'vp':
      return vpProcess();
    case 'subvp':
      return subVpProcess();
    case 've':
      return veProcess();
    case 'edm':
      return edmProcess();
  }
}

export function makeGrid(s: SceneSettings, process = makeProcess(s)): SamplingGrid {
  if (s.process === 'vp-discrete') {
    return makeTimestepGrid(process as ReturnType<typeof makeDiscreteVP>, s.spacing, s.steps);
  }
  return makeSigmaGrid(process, s.sigmaGrid, s.steps);
}

const exactCache = new Map<string, AnalyticModel>();

/**
 * The exact model of a data set: the analytic Gaussian-mixture denoiser where the data set is
 * a mixture, otherwise the empirical denoiser of a fixed seeded support set.
 */
export function exactModel(datasetId: string): AnalyticModel {
  let m = exactCache.get(datasetId);
  if (!m) {
    const d = getDataset(datasetId);
    m = d.mixture
      ? gaussianMixtureModel(d.mixture)
      : empiricalModel(d.sample(EXACT_SUPPORT_POINTS, EXACT_SUPPORT_SEED));
    exactCache.set(datasetId, m);
  }
  return m;
}

/** x_T = σ_max·z with z from the seed's initial stream (k-diffusion coordinates). */
export function initialState(n: number, dim: number, seed: number, sigmaMax: number): Float64Array {
  const z = normals(seed, INITIAL_NOISE_KEY, n * dim);
  for (let i = 0; i < z.length; i++) z[i] *= sigmaMax;
  return z;
}

/** The sampler and its parameters, defaults filled in; unknown keys are rejected by name. */
export function resolveSampler(
  id: string,
  params: SamplerParams,
): { def: SamplerDef; params: SamplerParams } {
  const def = requireSampler(id);
  const known = new Set(Object.keys(def.defaults));
  const unknown = Object.keys(params).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw new Error(
      `sampler ${id} has no parameter ${unknown.join(', ')}; it takes ${[...known].join(', ') || 'none'}`,
    );
  }
  return { def, params: { ...def.defaults, ...params } };
}
