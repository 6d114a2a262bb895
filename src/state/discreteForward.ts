import { DISCRETE_DATA, DISCRETE_T } from '../core/discrete/datasets';
import { forwardSample } from '../core/discrete/forward';
import {
  absorbingProcess,
  gaussianProcess,
  transitionMatrix,
  uniformProcess,
  type CategoricalProcess,
} from '../core/discrete/process';
import { makeSchedule } from '../core/discrete/schedules';
import type { SequenceSet } from '../core/discrete/exact';
import type { Params } from './fields';

export const DISCRETE_FORWARD_PARAMS = ['dset', 'dproc', 'dsched', 'dt', 'dseed'] as const;
export type DiscreteForwardParams = Pick<Params, (typeof DISCRETE_FORWARD_PARAMS)[number]>;

/**
 * The forward panel's process: absorbing over the data tokens and a mask, uniform over the data
 * tokens, or the discretized Gaussian (ordinal data: the digits' grey levels only).
 */
export function forwardProcess(p: DiscreteForwardParams): {
  process: CategoricalProcess;
  problems: string[];
} {
  const { levels } = DISCRETE_DATA[p.dset];
  const schedule = makeSchedule(p.dsched, DISCRETE_T);
  if (p.dproc === 'absorbing')
    return { process: absorbingProcess(levels + 1, schedule, levels), problems: [] };
  if (p.dproc === 'gaussian' && p.dset === 'digits')
    return { process: gaussianProcess(levels, schedule), problems: [] };
  const problems =
    p.dproc === 'gaussian'
      ? ['dproc: the discretized Gaussian needs ordered tokens (the digits); names use uniform']
      : [];
  return { process: uniformProcess(levels, schedule), problems };
}

/** The integer timestep of the panel's time fraction. */
export function forwardStep(p: Pick<Params, 'dt'>): number {
  return Math.round(p.dt * DISCRETE_T);
}

/** The first `count` sequences of `data`, each noised to step t under the seed (seed + j). */
export function forwardBatch(
  process: CategoricalProcess,
  data: SequenceSet,
  count: number,
  t: number,
  seed: number,
): { x0: Int32Array; xt: Int32Array; states: Uint8Array } {
  const { L } = data;
  const n = Math.min(count, data.tokens.length / L);
  const x0 = data.tokens.slice(0, n * L);
  const xt = new Int32Array(n * L);
  const states = new Uint8Array(n * L);
  for (let j = 0; j < n; j++) {
    const s = forwardSample(process, x0.subarray(j * L, j * L + L), t, (seed + j) >>> 0);
    xt.set(s.xt, j * L);
    states.set(s.states, j * L);
  }
  return { x0, xt, states };
}

/** Q_t (one step, t − 1 → t) and Q̄_t (0 → t) as dense K×K matrices, for the heatmaps. */
export function transitionMatrices(
  process: CategoricalProcess,
  t: number,
): { step: Float64Array; cumulative: Float64Array } {
  const tt = Math.max(1, t);
  return {
    step: transitionMatrix(process, tt - 1, tt),
    cumulative: transitionMatrix(process, 0, t),
  };
}

/** A matrix in words: the mean probability of staying, and where the rest goes on average. */
export function matrixSummary(M: Float64Array, K: number): string {
  let stay = 0;
  let largest = 0;
  for (let i = 0; i < K; i++) {
    stay += M[i * K + i];
    for (let j = 0; j < K; j++) if (i !== j) largest = Math.max(largest, M[i * K + j]);
  }
  return `mean probability of staying ${(stay / K).toPrecision(3)}, largest move ${largest.toPrecision(2)}`;
}
