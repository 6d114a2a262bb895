import { noiseKey } from '../rng';
import { checkGrid, statelessRun } from '../samplers/common';
import type { Denoiser, SamplerRun, SamplingGrid, StepResult } from '../samplers/types';
import type { LinearOperator, RestoreOps } from './linear';
import type { OperatorId } from './operators';

/**
 * x̂0 = D(x, σ) and the vector–Jacobian product J_D(x, σ)ᵀ·g, where the cotangent g is computed
 * from x̂0 and held constant (no derivative flows through it): one forward and one backward pass.
 */
export type DenoiserVjp<T> = (x: T, sigma: number, cotangent: (x0: T) => T) => { x0: T; vjp: T };

/** Everything a solver sees: the measurement y = A(x) + σ_y·n, the operator and the model. */
export interface RestoreContext<T> {
  ops: RestoreOps<T>;
  op: LinearOperator<T>;
  /** y for every cell (measurement-shaped). */
  y: T;
  sigmaY: number;
  denoise: Denoiser<T>;
  /** Needed by the gradient solvers (DPS, ΠGDM) only. */
  denoiseVjp?: DenoiserVjp<T>;
  /** Standard normal noise shaped like the state, by counter-based stream key. */
  noise: (key: number) => T;
  /**
   * The data range, when the x̂0 a step moves towards is clipped to it (as the image view's
   * samplers do: a network's guided estimate far outside it at high σ would otherwise derail
   * the run). The oracle tests leave it out.
   */
  clipRange?: readonly [number, number];
}

/** x̂0 clipped to the context's data range, if it has one. */
export function clipToRange<T>(ctx: RestoreContext<T>, x0: T): T {
  return ctx.clipRange ? ctx.ops.clip(x0, ctx.clipRange[0], ctx.clipRange[1]) : x0;
}

/** The solvers' knobs (each reads its own): DDRM's η and η_b, DPS's ζ, ΠGDM's η. */
export interface RestoreParams {
  eta: number;
  etaB: number;
  zeta: number;
}

export const RESTORE_DEFAULTS: RestoreParams = { eta: 0.85, etaB: 1, zeta: 1 };

export interface RestoreSolver {
  id: string;
  name: string;
  /** Paper and equation. */
  reference: string;
  /** The operators it is defined for. */
  operators: readonly OperatorId[];
  create<T>(ctx: RestoreContext<T>, grid: SamplingGrid, p: RestoreParams): SamplerRun<T>;
}

/** A stateless run over a checked grid, each step seeing σ_i, σ_{i+1} and its noise streams. */
export function restoreRun<T>(
  grid: SamplingGrid,
  who: string,
  step: (x: T, sigma: number, next: number, noise: (sub: number) => T, i: number) => StepResult<T>,
  ctx: Pick<RestoreContext<T>, 'noise'>,
): SamplerRun<T> {
  const sigmas = checkGrid(grid, who);
  return statelessRun(sigmas, who, (x, i) =>
    step(x, sigmas[i], sigmas[i + 1], (sub) => ctx.noise(noiseKey(i, sub)), i),
  );
}

export function needVjp<T>(ctx: RestoreContext<T>, who: string): DenoiserVjp<T> {
  if (!ctx.denoiseVjp) throw new Error(`${who} needs the denoiser's vector–Jacobian product`);
  return ctx.denoiseVjp;
}
