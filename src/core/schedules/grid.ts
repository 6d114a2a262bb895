import type { SamplingGrid } from '../samplers/types';
import type { DiscreteVPSchedule } from './discreteVP';
import type { Process } from './process';
import {
  exponentialSigmas,
  karrasSigmas,
  logSnrUniformSigmas,
  polyexponentialSigmas,
} from './sigmas';
import { spacedTimesteps, type TimestepSpacing } from './spacing';

export type SigmaGridKind =
  'karras' | 'exponential' | 'polyexponential' | 'logSNR' | 'time-uniform';

export const SIGMA_GRID_KINDS: readonly SigmaGridKind[] = [
  'karras',
  'exponential',
  'polyexponential',
  'logSNR',
  'time-uniform',
];

export interface SigmaGridOptions {
  /** ρ for 'karras' (default 7) and 'polyexponential' (default 1). */
  rho?: number;
  /** Defaults: the process's σ(tMin) and σ(tMax). */
  sigmaMin?: number;
  sigmaMax?: number;
}

/**
 * An N-step grid on a process: N noise levels from σ_max down to σ_min, then 0.
 * 'time-uniform' spaces the process's own time t uniformly from tMax to tMin
 * (DPM-Solver's "time_uniform"; on the VP SDE it is k-diffusion's get_sigmas_vp).
 */
export function makeSigmaGrid(
  process: Process,
  kind: SigmaGridKind,
  n: number,
  options: SigmaGridOptions = {},
): SamplingGrid {
  const sigmaMin = options.sigmaMin ?? process.sigma(process.tMin);
  const sigmaMax = options.sigmaMax ?? process.sigma(process.tMax);
  return { sigmas: sigmaGrid(process, kind, n, sigmaMin, sigmaMax, options.rho), process };
}

function sigmaGrid(
  process: Process,
  kind: SigmaGridKind,
  n: number,
  sigmaMin: number,
  sigmaMax: number,
  rho: number | undefined,
): number[] {
  switch (kind) {
    case 'karras':
      return karrasSigmas(n, sigmaMin, sigmaMax, rho ?? 7);
    case 'exponential':
      return exponentialSigmas(n, sigmaMin, sigmaMax);
    case 'polyexponential':
      return polyexponentialSigmas(n, sigmaMin, sigmaMax, rho ?? 1);
    case 'logSNR':
      return logSnrUniformSigmas(n, sigmaMin, sigmaMax);
    case 'time-uniform': {
      if (!Number.isInteger(n) || n < 1)
        throw new Error(`makeSigmaGrid: n must be a positive integer, got ${n}`);
      const tHi = process.tOfSigma(sigmaMax);
      const tLo = process.tOfSigma(sigmaMin);
      const ts = Array.from({ length: n }, (_, i) =>
        n === 1 ? tHi : tHi + ((tLo - tHi) * i) / (n - 1),
      );
      return [...ts.map((t) => process.sigma(t)), 0];
    }
    default:
      throw new Error(`makeSigmaGrid: unknown grid kind "${String(kind)}"`);
  }
}

/** Most σ's an explicit grid may list (the `sigmas` link field). */
export const MAX_SIGMA_LIST = 64;

/**
 * An explicit σ grid from text (the `sigmas` link field, e.g. the lab's optimised grid):
 * comma-separated, finite, > 0 and strictly descending, at most MAX_SIGMA_LIST; the sampling grid
 * appends σ = 0. Returns the list or what is wrong with it.
 */
export function parseSigmaList(text: string): { sigmas: number[] } | { error: string } {
  const parts = text.split(',').map((t) => t.trim());
  if (parts.length > MAX_SIGMA_LIST)
    return { error: `${parts.length} σ's, at most ${MAX_SIGMA_LIST}` };
  const sigmas = parts.map(Number);
  const bad = sigmas.findIndex((v, i) => !(parts[i] !== '' && Number.isFinite(v) && v > 0));
  if (bad >= 0) return { error: `σ #${bad + 1} ("${parts[bad]}") is not a number > 0` };
  const up = sigmas.findIndex((v, i) => i > 0 && !(v < sigmas[i - 1]));
  if (up >= 0) return { error: `σ's must be strictly descending (σ #${up + 1})` };
  return { sigmas };
}

/** A grid on a discrete schedule's training timesteps; `timesteps` are the model's t's. */
export interface DiscreteGrid extends SamplingGrid {
  timesteps: readonly number[];
}

/**
 * The σ's a diffusers Euler-type scheduler visits: σ at the spaced integer timesteps
 * (descending), then 0.
 */
export function makeTimestepGrid(
  schedule: DiscreteVPSchedule,
  spacing: TimestepSpacing,
  n: number,
  stepsOffset = 0,
): DiscreteGrid {
  const timesteps = spacedTimesteps(spacing, n, schedule.numTrainTimesteps, stepsOffset);
  return { sigmas: [...timesteps.map((t) => schedule.sigma(t)), 0], process: schedule, timesteps };
}
