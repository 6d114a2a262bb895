import { exactModel } from '../data/exact';
import type { AnalyticModel } from '../denoisers/analytic';
import { INITIAL_NOISE_KEY, normals } from '../rng';
import { edmProcess, subVpProcess, veProcess, vpProcess } from '../schedules/continuous';
import { makeDiscreteVP } from '../schedules/discreteVP';
import { flowProcess } from '../schedules/flow';
import { makeSigmaGrid, makeTimestepGrid } from '../schedules/grid';
import type { Process } from '../schedules/process';
import { requireSampler } from '../samplers/registry';
import type { SamplerDef, SamplerParams, SamplingGrid } from '../samplers/types';
import type { SceneSettings } from './settings';

export function makeProcess(
  s: Pick<SceneSettings, 'process' | 'betaSchedule' | 'flowShift'>,
): Process {
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
    case 'flow':
      return flowProcess({ shift: s.flowShift ?? 1 });
  }
}

export function makeGrid(s: SceneSettings, process = makeProcess(s)): SamplingGrid {
  if (s.process === 'vp-discrete') {
    return makeTimestepGrid(process as ReturnType<typeof makeDiscreteVP>, s.spacing, s.steps);
  }
  if (s.customSigmas?.length === s.steps) return { sigmas: [...s.customSigmas, 0], process };
  return makeSigmaGrid(process, s.sigmaGrid, s.steps, s.sigmaMax ? { sigmaMax: s.sigmaMax } : {});
}

const exactCache = new Map<string, AnalyticModel>();

/** The data set's exact model (see data/exact.ts), built once per data set and kept. */
export function cachedExactModel(datasetId: string): AnalyticModel {
  let m = exactCache.get(datasetId);
  if (!m) {
    m = exactModel(datasetId).model;
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
