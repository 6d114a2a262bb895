import type { ArrayHost } from '../host';
import { runToEnd } from '../samplers/driver';
import type { Denoiser, SamplerDef, SamplerParams, SamplingGrid } from '../samplers/types';
import type { ArrayOps } from '../ops';

/**
 * Truncated ("early-stopped") diffusion: ES-DDPM (Lyu et al. 2022, "Accelerating Diffusion Models via
 * Early Stop of the Diffusion Process", sec. 3) and TDPM (Zheng et al. 2022, "Truncated Diffusion
 * Probabilistic Models", eq. 8). A cheap generator (here the VAE: a decoded prior sample, or in latent
 * space a prior sample) gives x_vae; it is diffused to t_s, x_{t_s} = α(t_s)·x_vae + σ_VP(t_s)·ε, and
 * the reverse sampler runs from t_s only. In the samplers' k-diffusion coordinates x = x_t / α(t)
 * (x = x0 + σ·ε, σ = σ_VP / α) that start is x = x_vae + σ_s·ε.
 */

/** The steps of `sigmas` (σ_0 > … > σ_N) that start at or below σ_s: sigmas[k…] with k the first index
 * whose σ ≤ σ_s (σ_s is snapped down onto the grid). σ_s ≥ σ_0 keeps the whole grid; σ_s below the
 * last positive σ leaves [σ_N] (usually [0]): no steps. */
export function truncateGrid(sigmas: readonly number[], sigmaStart: number): number[] {
  if (!(sigmaStart >= 0)) throw new Error(`truncateGrid: σ_s must be ≥ 0, got ${sigmaStart}`);
  if (sigmas.length === 0) throw new Error('truncateGrid: empty grid');
  const k = sigmas.findIndex((s) => s <= sigmaStart);
  return sigmas.slice(k < 0 ? sigmas.length - 1 : k);
}

/**
 * The start state at σ_s (a point of the grid): x_vae + σ_s·ε. At σ_s = σ_max (the grid's first σ) it
 * is defined as the plain sampler's start σ_max·ε: there the data term has weight α(T) ≈ 0 in the VP
 * state (0.0064 on DDPM's linear schedule) and the plain sampler drops it too, so truncation at T is
 * plain diffusion, same seed, same output. At σ_s = 0 it is x_vae itself.
 */
export function truncatedStart<T>(
  ops: ArrayOps<T>,
  start: T,
  sigmaStart: number,
  noise: T,
  sigmaMax: number,
): T {
  if (sigmaStart >= sigmaMax) return ops.lincomb([[sigmaMax, noise]]);
  return ops.lincomb([
    [1, start],
    [sigmaStart, noise],
  ]);
}

export interface TruncatedRunSpec<T> {
  host: ArrayHost<T>;
  sampler: SamplerDef;
  params: SamplerParams;
  /** The plain run's grid; the truncated run uses truncateGrid(grid.sigmas, sigmaStart). */
  grid: SamplingGrid;
  denoise: Denoiser<T>;
  noise: (key: number) => T;
  /** x_vae, in the coordinates the denoiser works in (the run does not take it over). */
  start: T;
  /** ε of the start state: the plain run's x_T / σ_max, so σ_s = σ_max reproduces it. */
  initialNoise: T;
  sigmaStart: number;
}

/** The truncated run: its output, NFE and the grid it stepped (NFE = steps × the sampler's NFE/step). */
export function runTruncated<T>(spec: TruncatedRunSpec<T>): {
  x: T;
  nfe: number;
  sigmas: number[];
} {
  const sigmas = truncateGrid(spec.grid.sigmas, spec.sigmaStart);
  const x = truncatedStart(
    spec.host.ops,
    spec.start,
    sigmas[0],
    spec.initialNoise,
    spec.grid.sigmas[0],
  );
  if (sigmas.length < 2) return { x, nfe: 0, sigmas };
  const done = runToEnd({
    host: spec.host,
    sampler: spec.sampler,
    params: spec.params,
    grid: { ...spec.grid, sigmas },
    denoise: spec.denoise,
    noise: spec.noise,
    x,
  });
  return { ...done, sigmas };
}
