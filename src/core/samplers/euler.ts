import { checkGrid, statelessRun, toD } from './common';
import type { SamplerDef } from './types';

export type EulerParams = Record<string, never>;

/**
 * Euler's method on the probability-flow ODE dx/dσ = (x − D(x, σ))/σ
 * (Karras et al. 2022, EDM, Algorithm 2 with S_churn = 0 and no Heun correction;
 * k-diffusion `sample_euler`). The step to σ = 0 lands exactly on D(x, σ_i).
 */
export const euler: SamplerDef<EulerParams> = {
  id: 'euler',
  name: 'Euler (probability-flow ODE)',
  reference:
    'Karras et al. 2022, EDM, Algorithm 2 (Euler steps, no churn); k-diffusion sample_euler',
  params: [],
  defaults: {},
  stochastic: () => false,
  nfePerStep: () => 1,
  create(ctx, grid) {
    const sigmas = checkGrid(grid, 'euler');
    return statelessRun(sigmas, 'euler', (x, i) => {
      const denoised = ctx.denoise(x, sigmas[i]);
      const d = toD(ctx.ops, x, sigmas[i], denoised);
      const next = ctx.ops.lincomb([
        [1, x],
        [sigmas[i + 1] - sigmas[i], d],
      ]);
      return { x: next, x0: denoised, derivative: d, nfe: 1 };
    });
  },
};
