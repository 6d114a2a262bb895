import type { ArrayOps } from '../ops';
import type { SamplerRun, SamplingGrid, StepResult } from './types';

/** dx/dσ of the probability-flow ODE from a denoiser output (k-diffusion `to_d`): (x − D)/σ. */
export function toD<T>(ops: ArrayOps<T>, x: T, sigma: number, denoised: T): T {
  return ops.lincomb([
    [1 / sigma, x],
    [-1 / sigma, denoised],
  ]);
}

/**
 * Split an ancestral step σ_from → σ_to into a deterministic move to σ_down and fresh
 * noise of std σ_up, with σ_down² + σ_up² = σ_to² (k-diffusion `get_ancestral_step`).
 * eta = 1 is the DDPM posterior, eta = 0 the deterministic DDIM / Euler step.
 */
export function ancestralStep(
  sigmaFrom: number,
  sigmaTo: number,
  eta = 1,
): { sigmaDown: number; sigmaUp: number } {
  if (eta === 0 || sigmaTo === 0) return { sigmaDown: sigmaTo, sigmaUp: 0 };
  const full = Math.sqrt((sigmaTo ** 2 * (sigmaFrom ** 2 - sigmaTo ** 2)) / sigmaFrom ** 2);
  const sigmaUp = Math.min(sigmaTo, eta * full);
  return { sigmaDown: Math.sqrt(sigmaTo ** 2 - sigmaUp ** 2), sigmaUp };
}

/** VP cumulative ᾱ of a k-diffusion noise level: x_VP = sqrt(ᾱ)·x with σ² = (1 − ᾱ)/ᾱ. */
export function alphaBarOfSigma(sigma: number): number {
  return 1 / (1 + sigma * sigma);
}

/** Validate a σ grid once at create time: at least one step, strictly descending, σ ≥ 0. */
export function checkGrid(grid: SamplingGrid, who: string): readonly number[] {
  const s = grid.sigmas;
  if (s.length < 2) throw new Error(`${who}: the grid needs at least two sigmas, got ${s.length}`);
  for (let i = 0; i < s.length; i++) {
    if (!Number.isFinite(s[i]) || s[i] < 0)
      throw new Error(`${who}: sigma[${i}] = ${s[i]} is not a finite σ ≥ 0`);
    if (i > 0 && !(s[i] < s[i - 1]))
      throw new Error(`${who}: sigmas must be strictly descending (index ${i})`);
  }
  return s;
}

/** Guard for the caller-owned loop: step indices must be 0..N−1. */
export function checkStepIndex(i: number, sigmas: readonly number[], who: string): void {
  if (!Number.isInteger(i) || i < 0 || i >= sigmas.length - 1) {
    throw new Error(`${who}: step ${i} outside 0..${sigmas.length - 2}`);
  }
}

/** A run without multistep state: each step is a pure function of (x, i). */
export function statelessRun<T>(
  sigmas: readonly number[],
  who: string,
  step: (x: T, i: number) => StepResult<T>,
): SamplerRun<T> {
  return {
    step(x, i) {
      checkStepIndex(i, sigmas, who);
      return step(x, i);
    },
    history: () => [],
  };
}

/**
 * Churn of Karras et al. 2022, Algorithm 2 (lines 4-6): γ_i = min(S_churn/N, √2 − 1) when
 * S_tmin ≤ σ_i ≤ S_tmax, else 0; σ̂ = σ_i(1 + γ_i).
 */
export function churnGamma(
  sigma: number,
  steps: number,
  sChurn: number,
  sTmin: number,
  sTmax: number,
): number {
  if (sChurn <= 0 || sigma < sTmin || sigma > sTmax) return 0;
  return Math.min(sChurn / steps, Math.SQRT2 - 1);
}

/** For samplers with history: steps must come as 0, 1, 2, … (a new run restarts the loop). */
export function stepOrderGuard(sigmas: readonly number[], who: string): (i: number) => void {
  let next = 0;
  return (i) => {
    checkStepIndex(i, sigmas, who);
    if (i !== next)
      throw new Error(`${who}: expected step ${next}, got ${i} (multistep samplers run in order)`);
    next++;
  };
}

/** Adams–Bashforth coefficients for equal steps, newest derivative first (orders 1-4). */
export const ADAMS_BASHFORTH: readonly (readonly number[])[] = [
  [1],
  [3 / 2, -1 / 2],
  [23 / 12, -16 / 12, 5 / 12],
  [55 / 24, -59 / 24, 37 / 24, -9 / 24],
];
