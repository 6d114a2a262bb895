import { INITIAL_NOISE_KEY, uniformAt } from '../rng';
import type { FixedTokens } from './exact';
import type { CategoricalProcess } from './process';

/** Inverse-CDF draw from probs[offset .. offset + K) with the uniform u ∈ (0, 1). */
export function sampleCategorical(
  probs: ArrayLike<number>,
  offset: number,
  K: number,
  u: number,
): number {
  let total = 0;
  for (let k = 0; k < K; k++) total += probs[offset + k];
  let acc = 0;
  let last = -1;
  for (let k = 0; k < K; k++) {
    const p = probs[offset + k];
    if (p <= 0) continue;
    acc += p;
    last = k;
    if (u * total < acc) return k;
  }
  if (last < 0) throw new Error('sampleCategorical: no category has positive probability');
  return last;
}

/** Per-token states reported by a step, for the views. */
export const TokenState = {
  masked: 0,
  /** Changed this step to a non-mask token (revealed, or a new value for uniform noise). */
  revealed: 1,
  /** A non-mask token this step left as it was. */
  committed: 2,
  /** A non-mask token this step turned back into the mask. */
  remasked: 3,
  /** An infilling position, never changed. */
  fixed: 4,
} as const;

export function tokenStates(
  before: Int32Array,
  after: Int32Array,
  mask: number,
  fixed?: FixedTokens,
): Uint8Array {
  const states = new Uint8Array(after.length);
  for (let l = 0; l < after.length; l++) {
    if (fixed && fixed[l] >= 0) states[l] = TokenState.fixed;
    else if (after[l] === mask) {
      states[l] = before[l] === mask ? TokenState.masked : TokenState.remasked;
    } else states[l] = before[l] === after[l] ? TokenState.committed : TokenState.revealed;
  }
  return states;
}

/** N + 1 evenly spaced integer timesteps T = t_0 > … > t_N = 0 (N ≤ T). */
export function timestepGrid(T: number, N: number): number[] {
  if (!Number.isInteger(N) || N < 1 || N > T) {
    throw new Error(`timestepGrid: steps must be an integer in 1..${T}, got ${N}`);
  }
  return Array.from({ length: N + 1 }, (_, i) => Math.round((T * (N - i)) / N));
}

/**
 * x_T for a sequence of length L: all mask (absorbing), else a draw from the uniform
 * stationary distribution (uniformAt of stream INITIAL_NOISE_KEY); fixed positions hold
 * their tokens.
 */
export function initialTokens(
  proc: CategoricalProcess,
  L: number,
  seed: number,
  fixed?: FixedTokens,
): Int32Array {
  const x = new Int32Array(L);
  for (let l = 0; l < L; l++) {
    if (fixed && fixed[l] >= 0) x[l] = fixed[l];
    else if (proc.mask >= 0) x[l] = proc.mask;
    else x[l] = Math.min(proc.K - 1, Math.floor(uniformAt(seed, INITIAL_NOISE_KEY, l) * proc.K));
  }
  return x;
}

/**
 * Sequence i of a batch run with seed S draws from the core's streams (its x_T, its uniforms)
 * under seed (S + i) mod 2³², so a sequence's tokens do not depend on the batch it ran in.
 */
export function discreteSampleSeed(seed: number, i: number): number {
  return (seed + i) >>> 0;
}
