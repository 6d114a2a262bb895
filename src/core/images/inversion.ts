import { checkGrid, statelessRun, toD } from '../samplers/common';
import { ddim } from '../samplers/ddim';
import { ddimInversion } from '../samplers/ddim-inversion';
import { heun } from '../samplers/heun';
import type { SamplerDef, SamplerParams } from '../samplers/types';

/**
 * The probability-flow ODE dx/dσ = (x − D(x, σ))/σ (Karras et al. 2022, eq. 3 with σ(t) = t)
 * integrated upwards, data → noise, with Heun's method (EDM Algorithm 1 run from low to high σ).
 * Same grid convention as ddim-inversion: pass the descending sampling grid; step i walks it
 * reversed, so sampling with Heun on the same grid undoes it up to O(h²) per unit σ-length. The
 * first step leaves σ = 0, where the derivative is 0/0: like ddim-inversion it is an Euler step
 * with ε̂ evaluated at its target level.
 */
export const heunInversion: SamplerDef<Record<string, never>> = {
  id: 'heun-inversion',
  name: 'PF-ODE inversion (Heun)',
  reference: 'Karras et al. 2022, EDM, Algorithm 1 run from σ_min to σ_max',
  params: [],
  defaults: {},
  stochastic: () => false,
  nfePerStep: () => 2,
  create(ctx, grid) {
    const reversed = [...checkGrid(grid, 'heun-inversion')].reverse();
    const { ops } = ctx;
    return statelessRun(reversed, 'heun-inversion', (x, i) => {
      const from = reversed[i];
      const to = reversed[i + 1];
      const h = to - from;
      if (from === 0) {
        const denoised = ctx.denoise(x, to);
        const d = toD(ops, x, to, denoised);
        const next = ops.lincomb([
          [1, x],
          [h, d],
        ]);
        return { x: next, x0: denoised, derivative: d, nfe: 1 };
      }
      const denoised = ctx.denoise(x, from);
      const d = toD(ops, x, from, denoised);
      const xEuler = ops.lincomb([
        [1, x],
        [h, d],
      ]);
      const d2 = toD(ops, xEuler, to, ctx.denoise(xEuler, to));
      const next = ops.lincomb([
        [1, x],
        [h / 2, d],
        [h / 2, d2],
      ]);
      return { x: next, x0: denoised, derivative: d2, nfe: 2 };
    });
  },
};

export const INVERSION_METHODS = ['ddim', 'heun'] as const;
export type InversionMethod = (typeof INVERSION_METHODS)[number];

/**
 * The inversion and the deterministic sampler that undoes it on the same grid: DDIM with η = 0
 * is Euler on the PF-ODE in σ (first order); Heun is second order.
 */
export function inversionPair(method: InversionMethod): {
  invert: SamplerDef;
  regenerate: SamplerDef;
  regenerateParams: SamplerParams;
} {
  return method === 'ddim'
    ? {
        invert: ddimInversion as SamplerDef,
        regenerate: ddim as SamplerDef,
        regenerateParams: { eta: 0 },
      }
    : {
        invert: heunInversion as SamplerDef,
        regenerate: heun as SamplerDef,
        regenerateParams: heun.defaults,
      };
}
