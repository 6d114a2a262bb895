import { uniformAt } from '../rng';
import type { SamplerParams } from '../samplers/types';
import { exactDenoiser, type FixedTokens, type SequenceSet } from './exact';
import type { CategoricalProcess } from './process';
import { runDiscrete } from './run';
import { initialTokens, timestepGrid } from './sampling';
import type { DiscreteContext, DiscreteSamplerDef } from './samplers/types';

/** Six sequences of length 3 over tokens 0..3 with unequal weights (the mask is 4). */
export const TOY: SequenceSet = {
  L: 3,
  tokens: Int32Array.from([0, 1, 2, 0, 2, 2, 1, 1, 0, 3, 0, 1, 2, 3, 3, 1, 1, 1]),
  weights: Float64Array.from([1, 2, 3, 4, 5, 6]),
};

export function toyProbs(data: SequenceSet = TOY): number[] {
  const w = [...(data.weights ?? [])];
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / total);
}

export function context(
  proc: CategoricalProcess,
  data: SequenceSet,
  seed: number,
  fixed?: FixedTokens,
): DiscreteContext {
  return {
    process: proc,
    denoise: exactDenoiser(proc, data, fixed),
    uniform: (key, counter) => uniformAt(seed, key, counter),
    fixed,
  };
}

/**
 * Counts of `n` samples (seeds 0..n − 1) per training sequence, plus one last cell for
 * samples outside the training set.
 */
export function sampleCounts<P extends SamplerParams>(
  def: DiscreteSamplerDef<P>,
  params: P,
  proc: CategoricalProcess,
  steps: number,
  n: number,
  data: SequenceSet = TOY,
  fixed?: FixedTokens,
): number[] {
  const rows = data.tokens.length / data.L;
  const counts = new Array<number>(rows + 1).fill(0);
  const grid = { timesteps: timestepGrid(proc.schedule.T, steps) };
  for (let seed = 0; seed < n; seed++) {
    const ctx = context(proc, data, seed, fixed);
    const { x } = runDiscrete(def, ctx, grid, params, initialTokens(proc, data.L, seed, fixed));
    let hit = rows;
    for (let j = 0; j < rows && hit === rows; j++) {
      if (x.every((v, l) => v === data.tokens[j * data.L + l])) hit = j;
    }
    counts[hit]++;
  }
  return counts;
}
