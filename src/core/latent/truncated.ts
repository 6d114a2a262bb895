/**
 * Truncated diffusion in latent space: start the reverse process at an intermediate σ_s from a
 * sample of the autoencoder's own prior N(0, I) noised to σ_s, instead of from pure noise at
 * σ_max (Lyu et al. 2022, "Accelerating Diffusion Models via Early Stop of the Diffusion
 * Process", §3: the truncated reverse process starts from a generator's sample noised to the
 * truncation time; here the generator is the VAE's prior).
 */
import type { ArrayOps } from '../ops';

/** The grid from its first σ ≤ sigmaStart on (the last entry, 0, at least). */
export function truncateGrid(sigmas: readonly number[], sigmaStart: number): number[] {
  if (!(sigmaStart >= 0)) throw new Error(`truncateGrid: σ_start must be ≥ 0, got ${sigmaStart}`);
  const first = sigmas.findIndex((s) => s <= sigmaStart);
  return first < 0 ? [sigmas[sigmas.length - 1]] : sigmas.slice(first);
}

/**
 * The state at σ_s in k-diffusion coordinates, x = start + σ_s·ε (= x_{t_s}/α(t_s) of the VP
 * state α·x₀ + σ_VP·ε). At σ_s ≥ σ_max the process has forgotten its start, and the state is the
 * plain sampler's σ_max·ε; at σ_s = 0 it is the start itself.
 */
export function truncatedStart<T>(
  ops: ArrayOps<T>,
  start: T,
  sigmaStart: number,
  noise: T,
  sigmaMax: number,
): T {
  if (!(sigmaStart >= 0)) throw new Error(`truncatedStart: σ_start must be ≥ 0, got ${sigmaStart}`);
  // Relative slack: a grid's σ_max may come back from its ρ-th root a rounding error low.
  if (sigmaStart >= sigmaMax * (1 - 1e-12)) return ops.lincomb([[sigmaMax, noise]]);
  return ops.lincomb([
    [1, start],
    [sigmaStart, noise],
  ]);
}
