import type { ArrayOps } from '../ops';
import type { Process } from '../schedules/process';

/**
 * A denoiser D(x, σ) ≈ E[x0 | x] in k-diffusion coordinates, x = x0 + σ·ε
 * (a VP state x_t = s(t)·x with s = sqrt(ᾱ) maps here by x = x_t / s).
 * Conditioning (class, guidance) is closed over by whoever builds it.
 */
export type Denoiser<T> = (x: T, sigma: number) => T;

export interface SamplerContext<T> {
  ops: ArrayOps<T>;
  denoise: Denoiser<T>;
  /** Standard normal noise shaped like the state, from counter-based stream `key` (see rng.noiseKey). */
  noise: (key: number) => T;
}

/**
 * Where a run evaluates: sigmas[0] > sigmas[1] > … > sigmas[N] (usually 0), so N steps.
 * `process` is the continuous SDE the grid came from; samplers that integrate a specific
 * SDE (euler-maruyama, pc) need it, the others use σ alone.
 */
export interface SamplingGrid {
  sigmas: readonly number[];
  process?: Process;
}

export interface StepResult<T> {
  /** The state at sigmas[i + 1]. */
  x: T;
  /** The x0 estimate this step used (the last denoiser output). */
  x0: T;
  /** dx/dσ used for the update, where the sampler has one (ODE samplers). */
  derivative?: T;
  /** Model evaluations spent on this step. */
  nfe: number;
}

export interface SamplerRun<T> {
  /** Advance from sigmas[i] to sigmas[i + 1]; steps must be taken in order 0, 1, …, N − 1. */
  step(x: T, i: number): StepResult<T>;
  /** Arrays the run keeps between steps (multistep history), for views and for GPU memory care. */
  history(): readonly T[];
}

export type ParamSpec =
  | {
      key: string;
      label: string;
      kind: 'number' | 'int';
      min: number;
      max: number;
      step: number;
      /** A KaTeX string: the equation this parameter changes. */
      tex: string;
    }
  | { key: string; label: string; kind: 'choice'; choices: readonly string[]; tex: string }
  | { key: string; label: string; kind: 'bool'; tex: string };

export type SamplerParams = Record<string, number | string | boolean>;

export interface SamplerDef<P extends SamplerParams = SamplerParams> {
  /** Registry id, also the file name. */
  id: string;
  name: string;
  /** Paper and algorithm, e.g. "Karras et al. 2022, EDM, Algorithm 2". */
  reference: string;
  params: readonly ParamSpec[];
  defaults: P;
  stochastic(p: P): boolean;
  /** Nominal model evaluations per step (an adaptive solver reports its actual count per step). */
  nfePerStep(p: P): number;
  create<T>(ctx: SamplerContext<T>, grid: SamplingGrid, p: P): SamplerRun<T>;
}
