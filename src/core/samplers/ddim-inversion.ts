import { checkGrid, statelessRun, toD } from './common';
import type { SamplerDef } from './types';

export type DdimInversionParams = Record<string, never>;

/**
 * Deterministic DDIM run backwards, data → noise (Song et al. 2021, DDIM, eq. 12 with η = 0
 * and ε̂ evaluated at the lower noise level; the inversion of Dhariwal & Nichol 2021 and
 * diffusers' DDIMInverseScheduler). In k-diffusion coordinates a step is
 * x_hi = x̂0 + σ_hi·ε̂(x_lo, σ_lo), i.e. x_lo + (σ_hi − σ_lo)·ε̂.
 *
 * Grid convention: pass the ordinary descending sampling grid; step i walks it reversed,
 * from reversed[i] to reversed[i + 1] (so the last step reaches sigmas[0]), and
 * `invert(x)` followed by a sampling run on the same grid reconstructs x. Since ε̂ is
 * undefined at σ = 0, a step leaving σ = 0 evaluates ε̂ at its target level instead.
 */
export const ddimInversion: SamplerDef<DdimInversionParams> = {
  id: 'ddim-inversion',
  name: 'DDIM inversion',
  reference:
    'Song, Meng & Ermon 2021, DDIM, eq. 12 (η = 0) run from low to high noise; Dhariwal & Nichol 2021, App. F',
  params: [],
  defaults: {},
  stochastic: () => false,
  nfePerStep: () => 1,
  create(ctx, grid) {
    const reversed = [...checkGrid(grid, 'ddim-inversion')].reverse();
    return statelessRun(reversed, 'ddim-inversion', (x, i) => {
      const from = reversed[i];
      const to = reversed[i + 1];
      const evalSigma = from > 0 ? from : to;
      const denoised = ctx.denoise(x, evalSigma);
      const epsHat = toD(ctx.ops, x, evalSigma, denoised);
      const next = ctx.ops.lincomb([
        [1, x],
        [to - from, epsHat],
      ]);
      return { x: next, x0: denoised, derivative: epsHat, nfe: 1 };
    });
  },
};
