import type { ParamSpec, SamplerParams } from '../../samplers/types';
import type { DiscreteDenoiser, FixedTokens } from '../exact';
import type { CategoricalProcess } from '../process';

/** What a discrete sampler sees: the process, the model and a seeded uniform stream. */
export interface DiscreteContext {
  process: CategoricalProcess;
  /** p̂(x₀ | x_t) as L×K probabilities (row-major); t is a time of the process's schedule. */
  denoise: DiscreteDenoiser;
  /** Element `counter` of uniform stream `key` in (0, 1): rng.uniformAt under the run's seed. */
  uniform: (key: number, counter: number) => number;
  /** Infilling: fixed[l] ≥ 0 is a token the sampler never changes (−1 where free). */
  fixed?: FixedTokens;
}

/** Integer timesteps T = t_0 > t_1 > … > t_N = 0: N steps (sampling.timestepGrid). */
export interface TimestepGrid {
  timesteps: readonly number[];
}

export interface DiscreteStepResult {
  /** The state at timesteps[i + 1]; a new array (the input is not mutated). */
  x: Int32Array;
  /** The prediction p̂(x₀ | x_t) the step used, L×K row-major. */
  x0Probs: Float64Array;
  /** Model evaluations spent on this step. */
  nfe: number;
  /** sampling.TokenState per position. */
  states: Uint8Array;
}

export interface DiscreteRun {
  /** Advance from timesteps[i] to timesteps[i + 1]; steps are taken in order 0 … N − 1. */
  step(x: Int32Array, i: number): DiscreteStepResult;
  /**
   * Whether step i from x will call ctx.denoise (false where a cache answers it): a batch of runs
   * evaluates the model only for those that will. Taken as true when absent.
   */
  willDenoise?(x: Int32Array, i: number): boolean;
}

export interface DiscreteSamplerDef<P extends SamplerParams = SamplerParams> {
  /** Registry id, also the file name. */
  id: string;
  name: string;
  /** Paper and equation / algorithm. */
  reference: string;
  /** Processes the sampler runs on. */
  processes: readonly CategoricalProcess['kind'][];
  params: readonly ParamSpec[];
  defaults: P;
  create(ctx: DiscreteContext, grid: TimestepGrid, p: P): DiscreteRun;
}
