import { ADAMS_BASHFORTH, checkGrid, stepOrderGuard, toD } from './common';
import type { SamplerDef } from './types';

export type PlmsParams = Record<string, never>;

/**
 * Pseudo linear multistep (Liu et al. 2022, PNDM, eq. 12 "PLMS") in the ε form with the
 * diffusers/LDM warm-up (PNDMScheduler with skip_prk_steps): the first step evaluates ε̂
 * at both ends of the step and transfers with their mean (2 evaluations); later steps use
 * Adams–Bashforth combinations of the past ε̂'s with the fixed equal-step coefficients.
 * The transfer φ of PNDM eq. 11 (the DDIM η = 0 step) is, in k-diffusion coordinates,
 * x_s = x_t + (σ_s − σ_t)·ε̂, since ε̂ = (x − x̂0)/σ = dx/dσ.
 */
export const plms: SamplerDef<PlmsParams> = {
  id: 'plms',
  name: 'PLMS (PNDM)',
  reference: 'Liu et al. 2022, PNDM, eq. 11-12 (PLMS); diffusers PNDMScheduler.step_plms warm-up',
  params: [],
  defaults: {},
  stochastic: () => false,
  nfePerStep: () => 1,
  create(ctx, grid) {
    const sigmas = checkGrid(grid, 'plms');
    const { ops } = ctx;
    type T = ReturnType<typeof ctx.denoise>;
    const ets: T[] = [];
    const guard = stepOrderGuard(sigmas, 'plms');
    const transfer = (x: T, i: number, eps: T) =>
      ops.lincomb([
        [1, x],
        [sigmas[i + 1] - sigmas[i], eps],
      ]);
    return {
      step(x, i) {
        guard(i);
        const denoised = ctx.denoise(x, sigmas[i]);
        const eps = toD(ops, x, sigmas[i], denoised);
        ets.push(eps);
        if (ets.length > 4) ets.shift();
        if (i === 0) {
          const xTrial = transfer(x, i, eps);
          if (sigmas[1] === 0) return { x: xTrial, x0: denoised, derivative: eps, nfe: 1 };
          const denoised2 = ctx.denoise(xTrial, sigmas[1]);
          const eps2 = toD(ops, xTrial, sigmas[1], denoised2);
          const mean = ops.lincomb([
            [0.5, eps],
            [0.5, eps2],
          ]);
          return { x: transfer(x, i, mean), x0: denoised2, derivative: mean, nfe: 2 };
        }
        const coeffs = ADAMS_BASHFORTH[ets.length - 1];
        const combined = ops.lincomb(
          coeffs.map((c, j) => [c, ets[ets.length - 1 - j]] as [number, T]),
        );
        return { x: transfer(x, i, combined), x0: denoised, derivative: combined, nfe: 1 };
      },
      history: () => [...ets],
    };
  },
};
