import { uniformAt } from '../rng';
import { runToEnd, runToEndAsync, type LoopHooks, type SteppedRun } from '../samplers/driver';
import type { SamplerParams, SamplerRun } from '../samplers/types';
import type { DiscreteDenoiser, FixedTokens } from './exact';
import type { CategoricalProcess } from './process';
import { discreteSampleSeed, initialTokens } from './sampling';
import type { DiscreteRun, DiscreteSamplerDef, TimestepGrid } from './samplers/types';

/** p̂(x₀ | x_t) of B sequences at one time: xs is B·L tokens, the result B·L·K probabilities. */
export type BatchDenoiser = (xs: Int32Array, t: number) => Float64Array;

/** One sampler over `count` sequences of length L from x_T, sequence j under seed discreteSampleSeed(seed, j). */
export interface DiscreteBatchSpec<P extends SamplerParams = SamplerParams> {
  def: DiscreteSamplerDef<P>;
  params: P;
  process: CategoricalProcess;
  grid: TimestepGrid;
  L: number;
  count: number;
  seed: number;
  /** Infilling, the same positions for every sequence (−1 where free). */
  fixed?: FixedTokens;
  denoise: BatchDenoiser;
}

/** A step of the batch: the states after it, each token's TokenState, the NFE so far. */
export interface DiscreteBatchStep {
  x: Int32Array;
  states: Uint8Array;
  nfe: number;
}

/** x_T of every sequence of the batch (count·L): initialTokens under each sequence's seed. */
export function initialBatch(
  process: CategoricalProcess,
  L: number,
  count: number,
  seed: number,
  fixed?: FixedTokens,
): Int32Array {
  const xs = new Int32Array(count * L);
  for (let j = 0; j < count; j++)
    xs.set(initialTokens(process, L, discreteSampleSeed(seed, j), fixed), j * L);
  return xs;
}

/**
 * The batch's model, evaluated lazily once per step: the first sequence to ask at step i gets the
 * current states of every sequence that will ask (DiscreteRun.willDenoise) evaluated at its t as
 * one batch, and every sequence asking with (t, its current tokens) is served its row. Any other
 * question (another t, other tokens, a sequence that said it would not ask) is answered by a batch
 * of that one sequence, so no sequence's result depends on the batch it ran in.
 */
class LazyBatch {
  private current: Int32Array = new Int32Array(0);
  /** slot[j]: sequence j's row in the evaluated batch, −1 when it is not in it. */
  private slot: Int32Array = new Int32Array(0);
  private inputs: Int32Array = new Int32Array(0);
  private evaluated: { t: number; probs: Float64Array } | null = null;

  constructor(
    private readonly denoise: BatchDenoiser,
    private readonly L: number,
    private readonly K: number,
  ) {}

  /**
   * A step starts from xs, with the sequences that will ask; nothing is evaluated yet, unless it
   * was primed for these very states. Returns the batch to evaluate (empty when none asks).
   */
  begin(xs: Int32Array, asking: readonly number[]): Int32Array {
    if (xs === this.current) return this.inputs;
    const { L } = this;
    this.current = xs;
    this.evaluated = null;
    this.slot = new Int32Array(xs.length / L).fill(-1);
    asking.forEach((j, r) => (this.slot[j] = r));
    if (asking.length === this.slot.length) this.inputs = xs;
    else {
      this.inputs = new Int32Array(asking.length * L);
      asking.forEach((j, r) => this.inputs.set(xs.subarray(j * L, j * L + L), r * L));
    }
    return this.inputs;
  }

  /** The prediction at t for the batch begin() returned, evaluated ahead of the step. */
  prime(t: number, probs: Float64Array): void {
    this.evaluated = { t, probs };
  }

  row(j: number, x: Int32Array, t: number): Float64Array {
    const { L, K } = this;
    const r = this.slot[j] ?? -1;
    const mine = this.current.subarray(j * L, j * L + L);
    if (r < 0 || x.length !== L || !x.every((v, l) => v === mine[l])) return this.denoise(x, t);
    this.evaluated ??= { t, probs: this.denoise(this.inputs, t) };
    if (this.evaluated.t !== t) return this.denoise(x, t);
    return this.evaluated.probs.subarray(r * L * K, (r + 1) * L * K);
  }
}

/**
 * The batch as one run of the driver on its B·L tokens: each step advances every sequence's own
 * sampler run (its seeded uniforms, its x_T) in turn, in lockstep. `begin` readies the model's
 * batch for step i from xs (the sequences that will ask) and returns it.
 */
function batchRun<P extends SamplerParams>(
  spec: DiscreteBatchSpec<P>,
  lazy: LazyBatch,
  onStep: (i: number, step: Omit<DiscreteBatchStep, 'nfe'>) => void,
): { run: SamplerRun<Int32Array>; begin: (xs: Int32Array, i: number) => Int32Array } {
  const { def, process, grid, params, L, count, seed, fixed } = spec;
  const runs: DiscreteRun[] = Array.from({ length: count }, (_, j) => {
    const s = discreteSampleSeed(seed, j);
    return def.create(
      {
        process,
        denoise: (x, t) => lazy.row(j, x, t),
        uniform: (key, counter) => uniformAt(s, key, counter),
        ...(fixed ? { fixed } : {}),
      },
      grid,
      params,
    );
  });
  const begin = (xs: Int32Array, i: number) => {
    const asking: number[] = [];
    runs.forEach((r, j) => {
      if (r.willDenoise?.(xs.subarray(j * L, j * L + L), i) ?? true) asking.push(j);
    });
    return lazy.begin(xs, asking);
  };
  const run: SamplerRun<Int32Array> = {
    step: (xs, i) => {
      begin(xs, i);
      const next = new Int32Array(count * L);
      const states = new Uint8Array(count * L);
      let nfe = 0;
      for (let j = 0; j < count; j++) {
        const r = runs[j].step(xs.slice(j * L, j * L + L), i);
        next.set(r.x, j * L);
        states.set(r.states, j * L);
        nfe += r.nfe;
      }
      onStep(i, { x: next, states });
      return { x: next, x0: next, nfe };
    },
    history: () => [],
  };
  return { run, begin };
}

/** A single-sequence denoiser (e.g. the exact one) as a batch denoiser, one sequence at a time. */
export function sequenceBySequence(denoise: DiscreteDenoiser, L: number): BatchDenoiser {
  return (xs, t) => {
    const B = xs.length / L;
    if (B === 1) return denoise(xs, t);
    const rows = Array.from({ length: B }, (_, j) => denoise(xs.subarray(j * L, j * L + L), t));
    const out = new Float64Array(rows.reduce((n, r) => n + r.length, 0));
    rows.forEach((r, j) => out.set(r, j * r.length));
    return out;
  };
}

function checkSpec(spec: DiscreteBatchSpec): void {
  const { L, count, fixed } = spec;
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`discrete batch: count must be a positive integer, got ${count}`);
  if (fixed && fixed.length !== L)
    throw new Error(`discrete batch: fixed has length ${fixed.length}, not L = ${L}`);
}

/** Token arrays are plain Int32Arrays: the garbage collector frees them, so no memory care. */
const plainTokens = { scoped: <V>(fn: () => V) => fn(), release: () => {} };

function stepped<P extends SamplerParams>(
  spec: DiscreteBatchSpec<P>,
  lazy: LazyBatch,
): {
  run: SteppedRun<Int32Array>;
  begin: (xs: Int32Array, i: number) => Int32Array;
  last: () => Omit<DiscreteBatchStep, 'nfe'>;
} {
  checkSpec(spec);
  const { process, grid, L, count, seed, fixed } = spec;
  let last: Omit<DiscreteBatchStep, 'nfe'> | null = null;
  const { run, begin } = batchRun(spec, lazy, (_, s) => (last = s));
  return {
    run: {
      care: plainTokens,
      run,
      steps: grid.timesteps.length - 1,
      x: initialBatch(process, L, count, seed, fixed),
    },
    begin,
    last: () => last!,
  };
}

/**
 * Runs `count` sequences in lockstep through the one sampling loop (samplers/driver), the model
 * evaluated once per step on the sequences that ask (all of them, but for those a cache serves,
 * e.g. MDLM's §3.4); sequence j's tokens equal runDiscrete's under seed discreteSampleSeed(seed, j).
 * NFE counts each sequence's evaluations, as runDiscrete does.
 */
export function runDiscreteBatch<P extends SamplerParams>(
  spec: DiscreteBatchSpec<P>,
  onStep?: (i: number, step: DiscreteBatchStep) => void,
): { x: Int32Array; nfe: number } {
  const lazy = new LazyBatch(spec.denoise, spec.L, spec.process.K);
  const { run, last } = stepped(spec, lazy);
  return runToEnd({ ...run, frame: (i, _r, nfe) => onStep?.(i, { ...last(), nfe }) });
}

/**
 * runDiscreteBatch for the worker: `denoiseAsync` (the same model, read back asynchronously)
 * evaluates the step's batch (the sequences that will ask) before each step, the loop yields between steps and stops when cancelled
 * (null). The synchronous `denoise` answers only questions off the batch.
 */
export async function runDiscreteBatchAsync<P extends SamplerParams>(
  spec: DiscreteBatchSpec<P> & {
    denoiseAsync?: (xs: Int32Array, t: number) => Promise<Float64Array>;
  },
  hooks: LoopHooks,
  onStep: (i: number, step: DiscreteBatchStep) => Promise<void>,
): Promise<{ x: Int32Array; nfe: number } | null> {
  const lazy = new LazyBatch(spec.denoise, spec.L, spec.process.K);
  const { run, begin, last } = stepped(spec, lazy);
  const ts = spec.grid.timesteps;
  const { denoiseAsync } = spec;
  const prepare = denoiseAsync
    ? async (xs: Int32Array, i: number) => {
        const batch = begin(xs, i);
        if (batch.length > 0) lazy.prime(ts[i], await denoiseAsync(batch, ts[i]));
      }
    : undefined;
  return runToEndAsync(
    {
      ...run,
      ...(prepare ? { prepare } : {}),
      frame: (i, _r, nfe) => onStep(i, { ...last(), nfe }),
    },
    hooks,
  );
}
