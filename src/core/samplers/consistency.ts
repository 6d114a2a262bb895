import { noiseKey } from '../rng';
import { checkGrid, statelessRun, toD } from './common';
import type { SamplerDef } from './types';

/**
 * Multistep consistency sampling (Song et al. 2023, Consistency Models, Algorithm 1) with the
 * model's output as the denoiser: x ← f(x, σ_i), then fresh noise up to the next level,
 * x ← x + σ_{i+1}·z; the last step (σ_N = 0) returns f. Algorithm 1 adds
 * sqrt(σ_{i+1}² − ε²)·z, ε = σ_min the model's boundary; here ε is taken as 0 (k-diffusion's
 * sample_lcm), a relative change of ε²/2σ_{i+1}² in the noise (below 1e-4 on the shipped grids).
 * One step is f(x_T, σ_max): one model evaluation. Meant for consistency models, whose f maps
 * every point of an ODE trajectory to its origin; on an ordinary denoiser it is a crude sampler.
 */
export const consistency: SamplerDef<Record<string, never>> = {
  id: 'consistency',
  name: 'Consistency (multistep)',
  reference: 'Song, Dhariwal, Chen & Sutskever 2023, Consistency Models, Algorithm 1',
  params: [],
  defaults: {},
  stochastic: () => true,
  nfePerStep: () => 1,
  create(ctx, grid) {
    const sigmas = checkGrid(grid, 'consistency');
    return statelessRun(sigmas, 'consistency', (x, i) => {
      const denoised = ctx.denoise(x, sigmas[i]);
      const next = sigmas[i + 1];
      const out =
        next > 0
          ? ctx.ops.lincomb([
              [1, denoised],
              [next, ctx.noise(noiseKey(i, 0))],
            ])
          : denoised;
      return { x: out, x0: denoised, derivative: toD(ctx.ops, x, sigmas[i], denoised), nfe: 1 };
    });
  },
};
