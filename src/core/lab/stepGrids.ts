import { rmsDifference, solve, type ConvergenceSetup } from '../samplers/convergence';
import type { SamplerDef, SamplerParams } from '../samplers/types';
import type { DiscreteVPSchedule } from '../schedules/discreteVP';
import { karrasSigmas, logSnrUniformSigmas } from '../schedules/sigmas';
import { elboJumpCosts, optimalSubset } from './dpSchedule';
import { searchSigmaGrid, type GridSearchProgress } from './gridSearch';

/** The grids the lab compares, in the order it draws them. */
export const STEP_GRID_IDS = ['uniform', 'karras', 'logsnr', 'dp', 'search'] as const;
export type StepGridId = (typeof STEP_GRID_IDS)[number];

export const STEP_GRID_LABELS: Record<StepGridId, string> = {
  uniform: 'uniform σ (linear t)',
  karras: 'Karras ρ = 7',
  logsnr: 'log-SNR uniform',
  dp: 'DP subset (Watson)',
  search: 'σ search (per sampler)',
};

/** The optimised grids: the ones a user can take into a link. */
export const OPTIMISED_GRIDS: readonly StepGridId[] = ['dp', 'search'];

/**
 * The three standard grids with `intervals` steps from σ_max down to σ_min (no trailing 0):
 * uniform in σ (EDM's t = σ, so linear in t), Karras et al. 2022 eq. 5 with ρ = 7, and uniform
 * in log-SNR λ = −log σ (Lu et al. 2022, DPM-Solver §3.3).
 */
export function standardGrids(
  intervals: number,
  sigmaMin: number,
  sigmaMax: number,
): Record<'uniform' | 'karras' | 'logsnr', number[]> {
  const n = intervals + 1;
  // The ends exactly σ_max and σ_min (σ_max^{1/ρ} raised to ρ is off by rounding).
  const pinned = (s: number[]) =>
    s.slice(0, -1).map((v, i) => (i === 0 ? sigmaMax : i === intervals ? sigmaMin : v));
  return {
    uniform: pinned(karrasSigmas(n, sigmaMin, sigmaMax, 1)),
    karras: pinned(karrasSigmas(n, sigmaMin, sigmaMax, 7)),
    logsnr: pinned(logSnrUniformSigmas(n, sigmaMin, sigmaMax)),
  };
}

/**
 * Watson et al. 2021's optimal subset (dpSchedule.ts) restricted to a σ range: the timesteps
 * τ of the discrete chain whose σ (diffusers' σ of τ − 1) lies in [σ_min, σ_max], or the nearest
 * one on each side when none is beyond; the DP picks `intervals` jumps from the highest to the
 * lowest of them, minimising the summed bound terms L(t, s) (Ho et al. 2020 eq. 5), and the two
 * ends are then set to σ_max and σ_min exactly so that every grid spans the same range.
 */
export function dpRangeSigmas(
  cost: (t: number, s: number) => number,
  schedule: DiscreteVPSchedule,
  intervals: number,
  sigmaMin: number,
  sigmaMax: number,
): number[] {
  const T = schedule.numTrainTimesteps;
  const sigmaOf = (tau: number) => schedule.sigma(tau - 1);
  let lo = 1;
  while (lo < T && sigmaOf(lo + 1) <= sigmaMin) lo++;
  let hi = T;
  while (hi > lo && sigmaOf(hi - 1) >= sigmaMax) hi--;
  if (hi - lo < intervals)
    throw new Error(
      `dpRangeSigmas: ${hi - lo + 1} timesteps in σ ∈ [${sigmaMin}, ${sigmaMax}], too few for ${intervals} steps`,
    );
  const { path } = optimalSubset((i, j) => cost(lo + i, lo + j), hi - lo, intervals);
  return path.map((i, k) => (k === 0 ? sigmaMax : k === intervals ? sigmaMin : sigmaOf(lo + i)));
}

export interface StepGridRow {
  id: StepGridId;
  /** σ_max … σ_min, intervals + 1 values. */
  sigmas: number[];
  /** RMS endpoint error at σ_min against the setup's exact reference. */
  error: number;
}

export interface StepGridInputs {
  def: SamplerDef;
  params: SamplerParams;
  setup: ConvergenceSetup;
  intervals: number;
  /** The discrete chain of the DP and the data points its bound terms average over. */
  schedule: DiscreteVPSchedule;
  x0: Float64Array;
  /** Noise draws per point and per t of the bound terms. */
  elboSamples: number;
}

/** What compareStepGrids yields: a finished grid, or where the σ search stands. */
export type StepGridEvent =
  { type: 'row'; row: StepGridRow } | { type: 'search'; progress: GridSearchProgress };

/**
 * The five grids at one step count, each with the sampler's error against the exact reference,
 * one row per grid (the σ search last: it is the slow one, and reports after every sampler run,
 * so a caller can show its progress and stop between runs).
 */
export function* compareStepGrids(input: StepGridInputs): Generator<StepGridEvent, void, void> {
  const { def, params, setup, intervals } = input;
  if (def.stochastic(params))
    throw new Error(`${def.id} is stochastic: the grids are compared on ODE samplers only`);
  const errorOf = (sigmas: number[]) =>
    rmsDifference(solve(def, params, setup.denoise, { sigmas }, setup.xStart).x, setup.reference);
  const standard = standardGrids(intervals, setup.sigmaMin, setup.sigmaMax);
  for (const id of ['uniform', 'karras', 'logsnr'] as const)
    yield { type: 'row', row: { id, sigmas: standard[id], error: errorOf(standard[id]) } };
  const cost = elboJumpCosts(setup.denoise, input.x0, input.schedule, {
    samples: input.elboSamples,
    seed: 0,
  });
  const dp = dpRangeSigmas(cost, input.schedule, intervals, setup.sigmaMin, setup.sigmaMax);
  yield { type: 'row', row: { id: 'dp', sigmas: dp, error: errorOf(dp) } };
  const search = searchSigmaGrid(def, params, setup, intervals, { sweeps: 3 });
  for (let next = search.next(); ; next = search.next()) {
    if (next.done) {
      yield {
        type: 'row',
        row: { id: 'search', sigmas: next.value.sigmas, error: next.value.error },
      };
      return;
    }
    yield { type: 'search', progress: next.value };
  }
}

/**
 * A grid as `sigmas=` link text: six significant digits, more where six would make two σ's equal
 * (the σ search may leave two within 1e-6 of each other), so that the link parses
 * (parseSigmaList wants a strictly descending list).
 */
export function sigmaListText(sigmas: readonly number[]): string {
  for (let digits = 6; digits < 17; digits++) {
    const parts = sigmas.map((s) => s.toPrecision(digits));
    if (parts.every((p, i) => i === 0 || Number(p) < Number(parts[i - 1]))) return parts.join(',');
  }
  return sigmas.map(String).join(',');
}
