import type { ArrayOps } from '../ops';
import type { Denoiser } from '../samplers/types';
import { flowTimeOfSigma } from '../schedules/flow';
import type { Process } from '../schedules/process';
import type { ModelDenoiserOptions, RawModel } from './parameterisation';

/**
 * The flow-matching velocity and the denoiser, in k-diffusion coordinates x = x0 + σε.
 *
 * On the rectified-flow path x_τ = (1 − τ)x0 + τε (τ = σ/(1 + σ), x_τ = x/(1 + σ)) the
 * target is v = dx_τ/dτ = ε − x0 (Liu et al. 2023, rectified flow; Lipman et al. 2023 with σ_min = 0);
 * the marginal velocity field is v̂ = E[ε − x0 | x] = ε̂ − D with ε̂ = (x − D)/σ, so
 *   v̂ = (x − (1 + σ)·D)/σ         and back   D = (x − σ·v̂)/(1 + σ)
 * (from x_τ = D + τ·v̂). Like eps / x0 / v / score it is affine in D: D = a·x + b·v̂ with
 * a = 1/(1 + σ), b = −σ/(1 + σ). It depends on σ only, so any exact model (any denoiser on
 * any process) yields an exact velocity field, and a flow network yields a denoiser that
 * every sampler can use.
 */

/** D = a·x + b·v̂ for the rectified-flow velocity at noise level σ. */
export function velocityCoefficients(sigma: number): { a: number; b: number } {
  return { a: 1 / (1 + sigma), b: -sigma / (1 + sigma) };
}

/** v̂ = ε̂ − D = (x − (1 + σ)D)/σ. Needs σ > 0. */
export function velocityFromDenoised<T>(ops: ArrayOps<T>, x: T, denoised: T, sigma: number): T {
  if (!(sigma > 0)) throw new Error(`velocityFromDenoised: σ must be positive, got ${sigma}`);
  return ops.lincomb([
    [1 / sigma, x],
    [-(1 + sigma) / sigma, denoised],
  ]);
}

/** D = (x − σ·v̂)/(1 + σ). */
export function denoisedFromVelocity<T>(ops: ArrayOps<T>, x: T, velocity: T, sigma: number): T {
  const { a, b } = velocityCoefficients(sigma);
  return ops.lincomb([
    [a, x],
    [b, velocity],
  ]);
}

/** The exact velocity field of a denoiser, v̂(x, σ) in k-diffusion coordinates. */
export function velocityField<T>(
  ops: ArrayOps<T>,
  denoise: Denoiser<T>,
): (x: T, sigma: number) => T {
  return (x, sigma) => velocityFromDenoised(ops, x, denoise(x, sigma), sigma);
}

/**
 * The probability-flow ODE drift of a process in its own coordinates (Song et al. 2021,
 * eq. 13): dx_t/dt = f(t)·x_t − ½g(t)²·∇log p_t(x_t), with ∇log p_t = (s·D − x_t)/(s·σ)².
 * `xt` is the process state s(t)·x and `denoised` is D(x, σ(t)). On the unshifted flow
 * process this is exactly v̂ = ε̂ − D; with a time shift α it is v̂·dτ/du.
 */
export function processVelocity<T>(
  ops: ArrayOps<T>,
  process: Process,
  t: number,
  xt: T,
  denoised: T,
): T {
  const s = process.scale(t);
  const sigma = process.sigma(t);
  if (!(sigma > 0))
    throw new Error(`processVelocity: σ(t) must be positive, got ${sigma} at t = ${t}`);
  const half = (0.5 * process.g2(t)) / (s * sigma) ** 2;
  return ops.lincomb([
    [process.f(t) + half, xt],
    [-half * s, denoised],
  ]);
}

/**
 * Wrap a flow-matching network v̂(x_τ, τ) ≈ E[ε − x0 | x_τ] as a Denoiser. The network sees
 * the process state x_t = s(t)·x, which on any flow process (shifted or not) is the
 * interpolant x_τ, and by default the interpolation time τ = σ/(1 + σ): the shift is a
 * sampling-schedule choice, and SD3 / Flux condition on the shifted τ. Pass timeOfSigma
 * for networks trained on another time label (e.g. 1000·τ).
 */
export function denoiserFromVelocity<T>(
  ops: ArrayOps<T>,
  process: Process,
  model: RawModel<T>,
  options: ModelDenoiserOptions = {},
): Denoiser<T> {
  checkFlowPath(process);
  const timeOf = options.timeOfSigma ?? flowTimeOfSigma;
  return (x, sigma) => {
    const s = process.scale(process.tOfSigma(sigma));
    return denoisedFromVelocity(ops, x, model(ops.lincomb([[s, x]]), timeOf(sigma)), sigma);
  };
}

/** A velocity network's state is the interpolant: s(t)·(1 + σ(t)) = 1 must hold on the process. */
function checkFlowPath(process: Process): void {
  for (const frac of [0.1, 0.5, 0.9]) {
    const t = process.tMin + frac * (process.tMax - process.tMin);
    const r = process.scale(t) * (1 + process.sigma(t));
    if (Math.abs(r - 1) > 1e-9) {
      throw new Error(
        `denoiserFromVelocity: process "${process.id}" is not a flow-matching path (s·(1 + σ) = ${r} at t = ${t})`,
      );
    }
  }
}
