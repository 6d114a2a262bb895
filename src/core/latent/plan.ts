/** The σ grid and start of a latent-space run (the view's, the bench's and the tests'). */
import { float64Ops } from '../ops';
import { INITIAL_NOISE_KEY, normals } from '../rng';
import { edmProcess } from '../schedules/continuous';
import { makeSigmaGrid } from '../schedules/grid';
import { SAMPLERS } from '../samplers/registry';
import type { SamplingGrid } from '../samplers/types';
import { truncateGrid, truncatedStart } from './truncated';

/** σ range of the exact latent denoiser's grid (as the CLI's `sample --model *-latent*d`). */
export const LATENT_SIGMA_MAX = 20;
/** Far below the encoded sets' spacing (median nearest-neighbour distance 0.04 in 2D). */
export const LATENT_SIGMA_MIN = 1e-4;
/** Every registry sampler that generates (an inversion maps data to noise). */
export const LATENT_SAMPLERS = SAMPLERS.filter((s) => !s.id.endsWith('-inversion')).map(
  (s) => s.id,
);

/**
 * The stream of the autoencoder prior's samples: the CLI's (src/cli/latentRuns.ts PRIOR_KEY), above
 * every step stream of a run of up to 3,600 steps.
 */
export const LATENT_PRIOR_KEY = 0x70e1;

/**
 * The EDM process (Karras et al. 2022, §4: x = x₀ + σε) on its Karras σ grid (eq. 5) of `steps`
 * steps from σ_max, cut at σ_start. A grid of one σ (σ_start below the last positive σ) takes no
 * step: the start is the sample.
 */
export function latentGrid(steps: number, sigmaStart: number): SamplingGrid {
  const process = edmProcess({ sigmaMin: LATENT_SIGMA_MIN, sigmaMax: LATENT_SIGMA_MAX });
  const { sigmas } = makeSigmaGrid(process, 'karras', steps);
  return { sigmas: truncateGrid(sigmas, sigmaStart), process };
}

/**
 * The state at the truncated grid's first σ for n latents of `dim`: σ_max·ε when the grid is the
 * whole one (its first σ is the full grid's `sigmaMax`), else the VAE's prior sample z ~ N(0, I)
 * noised to that σ (ε from the seed's initial stream either way).
 */
export function latentStartState(
  n: number,
  dim: number,
  seed: number,
  sigmas: readonly number[],
  sigmaMax = LATENT_GRID_SIGMA_MAX,
): Float64Array {
  const prior = latentPriorSample(n, dim, seed);
  const noise = normals(seed, INITIAL_NOISE_KEY, n * dim);
  return truncatedStart(float64Ops, prior, sigmas[0], noise, sigmaMax);
}

/** The first σ of every Karras grid from LATENT_SIGMA_MAX, (σ_max^(1/ρ))^ρ to the last bit. */
export const LATENT_GRID_SIGMA_MAX = (LATENT_SIGMA_MAX ** (1 / 7)) ** 7;

/** The prior sample the truncated start is made from (what σ_start = 0 returns). */
export function latentPriorSample(n: number, dim: number, seed: number): Float64Array {
  return normals(seed, LATENT_PRIOR_KEY, n * dim);
}
