import type { CategoricalProcess } from '../process';
import type { DiscreteContext, TimestepGrid, DiscreteRun, DiscreteStepResult } from './types';

/** Validate a grid once at create time: integers from T strictly down to 0. */
export function checkDiscreteGrid(
  grid: TimestepGrid,
  proc: CategoricalProcess,
  who: string,
): readonly number[] {
  const ts = grid.timesteps;
  const T = proc.schedule.T;
  if (ts.length < 2 || ts[0] !== T || ts[ts.length - 1] !== 0) {
    throw new Error(`${who}: the grid must run from T = ${T} down to 0`);
  }
  for (let i = 1; i < ts.length; i++) {
    if (!Number.isInteger(ts[i]) || !(ts[i] < ts[i - 1])) {
      throw new Error(`${who}: timesteps must be strictly decreasing integers (index ${i})`);
    }
  }
  return ts;
}

/** The process of the samplers that unmask masked tokens. */
export const ABSORBING_ONLY: readonly CategoricalProcess['kind'][] = ['absorbing'];

export function checkProcessKind(
  ctx: DiscreteContext,
  kinds: readonly CategoricalProcess['kind'][],
  who: string,
): void {
  if (!kinds.includes(ctx.process.kind)) {
    throw new Error(`${who}: runs on the ${kinds.join(' / ')} process, not ${ctx.process.kind}`);
  }
}

export function isFixed(ctx: DiscreteContext, l: number): boolean {
  return ctx.fixed !== undefined && ctx.fixed[l] >= 0;
}

/** A run whose step is a pure function of (x, i), with the step index and length checked. */
export function discreteRun(
  timesteps: readonly number[],
  who: string,
  step: (x: Int32Array, i: number) => DiscreteStepResult,
): DiscreteRun {
  return {
    step(x, i) {
      if (!Number.isInteger(i) || i < 0 || i >= timesteps.length - 1) {
        throw new Error(`${who}: step ${i} outside 0..${timesteps.length - 2}`);
      }
      return step(x, i);
    },
  };
}

/** The data-token distribution of position l of an L×K prediction, without the mask. */
export function dataProbs(x0Probs: Float64Array, l: number, K: number, mask: number): Float64Array {
  const p = x0Probs.slice(l * K, l * K + K);
  if (mask >= 0) p[mask] = 0;
  return p;
}
