import { describe, expect, it } from 'vitest';
import { uniformAt } from '../rng';
import {
  type BatchDenoiser,
  type DiscreteBatchSpec,
  runDiscreteBatch,
  runDiscreteBatchAsync,
  sequenceBySequence,
} from './batch';
import { context } from './discrete.testkit';
import { exactDenoiser, type FixedTokens, type SequenceSet } from './exact';
import { absorbingProcess, type CategoricalProcess, uniformProcess } from './process';
import { runDiscrete } from './run';
import { discreteSampleSeed, initialTokens, timestepGrid } from './sampling';
import { logLinearSchedule } from './schedules';
import { DISCRETE_SAMPLERS, requireDiscreteSampler } from './samplers/registry';
import type { DiscreteSamplerDef } from './samplers/types';

/** 30 random sequences of length 6 over tokens 0..4 (the mask is 5). */
const L = 6;
const DATA: SequenceSet = {
  L,
  tokens: Int32Array.from({ length: 30 * L }, (_, i) => Math.floor(uniformAt(8, 0, i) * 5)),
  weights: Float64Array.from({ length: 30 }, (_, j) => 1 + (j % 4)),
};
const T = 100;
const ABSORBING = absorbingProcess(6, logLinearSchedule(T), 5);
const UNIFORM = uniformProcess(5, logLinearSchedule(T));
const FIXED = Int32Array.from([-1, -1, DATA.tokens[2], -1, -1, -1]);
const COUNT = 9;
const SEED = 4_294_967_290; // wraps past 2³² within the batch

/** The oracle: each sequence on its own through runDiscrete under its seed. */
function oneByOne(
  def: DiscreteSamplerDef,
  proc: CategoricalProcess,
  steps: number,
  fixed?: FixedTokens,
) {
  const grid = { timesteps: timestepGrid(T, steps) };
  const x = new Int32Array(COUNT * L);
  let nfe = 0;
  for (let j = 0; j < COUNT; j++) {
    const seed = discreteSampleSeed(SEED, j);
    const r = runDiscrete(
      def,
      context(proc, DATA, seed, fixed),
      grid,
      def.defaults,
      initialTokens(proc, L, seed, fixed),
    );
    x.set(r.x, j * L);
    nfe += r.nfe;
  }
  return { x, nfe };
}

/** The exact model as a batch denoiser, counting its batch evaluations and the rows it saw. */
function countedModel(proc: CategoricalProcess, fixed?: FixedTokens) {
  const calls: number[] = [];
  const single = exactDenoiser(proc, DATA, fixed);
  const batch = sequenceBySequence(single, L);
  const denoise: BatchDenoiser = (xs, t) => {
    calls.push(xs.length / L);
    return batch(xs, t);
  };
  return { denoise, calls };
}

function spec(
  def: DiscreteSamplerDef,
  proc: CategoricalProcess,
  steps: number,
  denoise: BatchDenoiser,
  fixed?: FixedTokens,
): DiscreteBatchSpec {
  return {
    def,
    params: def.defaults,
    process: proc,
    grid: { timesteps: timestepGrid(T, steps) },
    L,
    count: COUNT,
    seed: SEED,
    ...(fixed ? { fixed } : {}),
    denoise,
  };
}

const cases = [
  ...DISCRETE_SAMPLERS.filter((d) => d.processes.includes('absorbing')).map(
    (d) => [d.id, 'absorbing'] as const,
  ),
  ['d3pm-ancestral', 'uniform'] as const,
];

describe.each(cases)('%s on the %s process, batched', (id, kind) => {
  const def = requireDiscreteSampler(id);
  const proc = kind === 'absorbing' ? ABSORBING : UNIFORM;
  it.each([
    ['free', undefined],
    ['fixed', FIXED],
  ] as const)(
    'equals each sequence run on its own (%s), one batch evaluation a step',
    (_, fixed) => {
      const steps = 8;
      const oracle = oneByOne(def, proc, steps, fixed);
      const { denoise, calls } = countedModel(proc, fixed);
      const frames: { x: Int32Array; states: Uint8Array; nfe: number }[] = [];
      const out = runDiscreteBatch(spec(def, proc, steps, denoise, fixed), (_i, s) =>
        frames.push(s),
      );
      expect([...out.x]).toEqual([...oracle.x]);
      expect(out.nfe).toBe(oracle.nfe);
      expect(frames).toHaveLength(steps);
      expect(frames.at(-1)!.x).toEqual(out.x);
      expect(frames.at(-1)!.nfe).toBe(out.nfe);
      expect(frames.every((f) => f.states.length === COUNT * L)).toBe(true);
      // At most one evaluation a step, of exactly the rows the sequences asked for.
      expect(calls.length).toBeLessThanOrEqual(steps);
      expect(calls.reduce((a, b) => a + b, 0)).toBe(oracle.nfe);
      if (id !== 'mdlm-ancestral') expect(calls.every((b) => b === COUNT)).toBe(true);
    },
  );
});

describe('runDiscreteBatch', () => {
  it('answers a question off the batch (other tokens, another t) with that sequence alone', () => {
    const single = exactDenoiser(ABSORBING, DATA);
    const seen: { x: Int32Array; t: number; probs: Float64Array }[] = [];
    // A sampler that asks about its state at the next timestep, then about a changed state.
    const odd: DiscreteSamplerDef = {
      ...requireDiscreteSampler('d3pm-ancestral'),
      create: (ctx, grid) => ({
        step: (x, i) => {
          const t = grid.timesteps[i + 1];
          const y = x.slice();
          y[0] = (i + 1) % 5;
          for (const [q, at] of [
            [x, t],
            [y, grid.timesteps[i]],
          ] as const)
            seen.push({ x: q.slice(), t: at, probs: ctx.denoise(q, at).slice() });
          return { x, x0Probs: new Float64Array(0), nfe: 2, states: new Uint8Array(x.length) };
        },
      }),
    };
    const { denoise, calls } = countedModel(ABSORBING);
    const out = runDiscreteBatch(spec(odd, ABSORBING, 4, denoise));
    expect(out.nfe).toBe(2 * 4 * COUNT);
    for (const s of seen) expect([...s.probs]).toEqual([...single(s.x, s.t)]);
    // The first question of a step evaluated the batch; the changed states went one by one.
    expect(calls.filter((b) => b === COUNT)).toHaveLength(4);
    expect(calls.filter((b) => b === 1)).toHaveLength(4 * COUNT);
  });

  it('refuses fixed tokens of the wrong length and a count below 1', () => {
    const { denoise } = countedModel(ABSORBING);
    const def = requireDiscreteSampler('mdlm-ancestral');
    expect(() => runDiscreteBatch(spec(def, ABSORBING, 4, denoise, new Int32Array(3)))).toThrow(
      /fixed has length 3, not L = 6/,
    );
    expect(() => runDiscreteBatch({ ...spec(def, ABSORBING, 4, denoise), count: 0 })).toThrow(
      /count must be a positive integer/,
    );
  });
});

describe('runDiscreteBatchAsync', () => {
  const def = requireDiscreteSampler('mdlm-ancestral');
  const never = { isCancelled: () => false, between: () => Promise.resolve() };

  it('with the batch read asynchronously before each step, equals the synchronous run', async () => {
    const sync = runDiscreteBatch(spec(def, ABSORBING, 10, countedModel(ABSORBING).denoise));
    const { denoise, calls } = countedModel(ABSORBING);
    let asyncCalls = 0;
    const frames: number[] = [];
    const out = await runDiscreteBatchAsync(
      {
        ...spec(def, ABSORBING, 10, denoise),
        denoiseAsync: (xs, t) => (asyncCalls++, Promise.resolve(denoise(xs, t))),
      },
      never,
      async (i) => {
        frames.push(i);
      },
    );
    expect(out).not.toBeNull();
    expect([...out!.x]).toEqual([...sync.x]);
    expect(out!.nfe).toBe(sync.nfe);
    expect(frames).toEqual([...Array(10).keys()]);
    // At most one evaluation a step, the prefetched batch's, of the rows the cache did not serve.
    expect(asyncCalls).toBe(calls.length);
    expect(calls.length).toBeLessThanOrEqual(10);
    expect(calls.reduce((a, b) => a + b, 0)).toBe(sync.nfe);
    expect(calls.some((b) => b < COUNT)).toBe(true);
  });

  it('stops when cancelled between steps and resolves to null', async () => {
    let steps = 0;
    const out = await runDiscreteBatchAsync(
      spec(def, ABSORBING, 10, countedModel(ABSORBING).denoise),
      { isCancelled: () => steps >= 3, between: () => Promise.resolve() },
      async () => {
        steps++;
      },
    );
    expect(out).toBeNull();
    expect(steps).toBe(3);
  });
});
