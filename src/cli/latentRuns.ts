import type * as tf from '@tensorflow/tfjs-core';
import { runTruncated } from '../core/latent/truncated';
import { INITIAL_NOISE_KEY, normals } from '../core/rng';
import { makeGrid, makeProcess, resolveSampler } from '../core/scene/build';
import { DEFAULT_SCENE } from '../core/scene/settings';
import type { Denoiser, SamplerDef, SamplerParams, SamplingGrid } from '../core/samplers/types';
import type { DiscreteVPSchedule } from '../core/schedules/discreteVP';
import { UsageError } from './args';
import { tensorHost } from './networks';

/** The noise stream of the prior sample z ~ N(0, I) that truncated runs start from (not x_T's). */
export const PRIOR_KEY = 0x70e1;

/** A run on the trained models' own process: DDPM's linear VP chain (T = 1000), trailing timesteps. */
export interface VpRun {
  def: SamplerDef;
  params: SamplerParams;
  grid: SamplingGrid;
  schedule: DiscreteVPSchedule;
}

export function vpRun(samplerId: string, steps: number): VpRun {
  const settings = { ...DEFAULT_SCENE, process: 'vp-discrete' as const, sampler: samplerId, steps };
  const schedule = makeProcess(settings) as DiscreteVPSchedule;
  const { def, params } = resolveSampler(samplerId, {});
  return { def, params, grid: makeGrid(settings, schedule), schedule };
}

/**
 * `--truncate`: a σ (a number), or `t=<timestep>` on the 1000-step training chain; both are snapped
 * down onto the grid (core/latent/truncated.ts). Absent: no truncation (NaN).
 */
export function parseTruncate(arg: string | undefined, schedule: DiscreteVPSchedule): number {
  if (arg === undefined) return NaN;
  const t = /^t=(\d+(\.\d+)?)$/.exec(arg);
  if (t) {
    const step = Number(t[1]);
    if (step > schedule.numTrainTimesteps - 1)
      throw new UsageError(
        `--truncate t= must be 0..${schedule.numTrainTimesteps - 1}, got ${step}`,
      );
    return step === 0 ? 0 : schedule.sigma(step);
  }
  const sigma = Number(arg);
  if (arg.trim() === '' || !(sigma >= 0))
    throw new UsageError(`--truncate takes a σ ≥ 0 or t=<timestep>, got "${arg}"`);
  return sigma;
}

export interface SampledBatch {
  x: tf.Tensor;
  nfe: number;
  /** The σ the run started from. */
  sigmaStart: number;
}

/**
 * n samples of `itemShape` from seed's x_T (plain: x_T = σ_max·ε) or, with sigmaStart finite, the
 * truncated run from `start` (x_vae, the caller's tensor, not taken over).
 */
export function sampleBatch(
  run: VpRun,
  denoise: Denoiser<tf.Tensor>,
  itemShape: readonly number[],
  n: number,
  seed: number,
  start?: { x: tf.Tensor; sigmaStart: number },
): SampledBatch {
  const host = tensorHost(itemShape);
  const dim = itemShape.reduce((a, b) => a * b, 1);
  const sigmas = run.grid.sigmas;
  const startX = start?.x ?? host.fromFloat64(new Float64Array(n * dim));
  const initialNoise = host.fromFloat64(normals(seed, INITIAL_NOISE_KEY, n * dim));
  const done = runTruncated({
    host,
    sampler: run.def,
    params: run.params,
    grid: run.grid,
    denoise,
    noise: (key) => host.fromFloat64(normals(seed, key, n * dim)),
    start: startX,
    initialNoise,
    sigmaStart: start ? start.sigmaStart : sigmas[0],
  });
  host.release(start ? [initialNoise] : [startX, initialNoise]);
  return { x: done.x, nfe: done.nfe, sigmaStart: done.sigmas[0] };
}
