import { noiseKey } from '../rng';
import { ancestralStep, checkGrid, statelessRun, toD } from './common';
import type { SamplerDef } from './types';

export type EulerAncestralParams = { eta: number; sNoise: number };

/**
 * Ancestral sampling with Euler steps (k-diffusion `sample_euler_ancestral`): an Euler
 * step down to σ_down, then fresh noise of std σ_up, with σ_down² + σ_up² = σ_{i+1}².
 * eta = 1 matches the DDPM posterior variance, eta = 0 is plain Euler / DDIM.
 */
export const eulerAncestral: SamplerDef<EulerAncestralParams> = {
  id: 'euler-ancestral',
  name: 'Euler ancestral',
  reference:
    'k-diffusion sample_euler_ancestral (ancestral split of Ho et al. 2020 / Song et al. 2021 DDIM η)',
  params: [
    {
      key: 'eta',
      label: 'η (ancestral noise)',
      kind: 'number',
      min: 0,
      max: 1,
      step: 0.01,
      tex: String.raw`\sigma_{\uparrow} = \min\!\Big(\sigma_{i+1},\ \eta\,\sqrt{\tfrac{\sigma_{i+1}^2(\sigma_i^2-\sigma_{i+1}^2)}{\sigma_i^2}}\Big),\quad \sigma_{\downarrow}=\sqrt{\sigma_{i+1}^2-\sigma_{\uparrow}^2}`,
    },
    {
      key: 'sNoise',
      label: 'S_noise',
      kind: 'number',
      min: 0,
      max: 1.1,
      step: 0.001,
      tex: String.raw`x_{i+1} = x_i + (\sigma_{\downarrow}-\sigma_i)\,d_i + S_{\text{noise}}\,\sigma_{\uparrow}\,z`,
    },
  ],
  defaults: { eta: 1, sNoise: 1 },
  stochastic: (p) => p.eta > 0 && p.sNoise > 0,
  nfePerStep: () => 1,
  create(ctx, grid, p) {
    const sigmas = checkGrid(grid, 'euler-ancestral');
    return statelessRun(sigmas, 'euler-ancestral', (x, i) => {
      const denoised = ctx.denoise(x, sigmas[i]);
      const d = toD(ctx.ops, x, sigmas[i], denoised);
      const { sigmaDown, sigmaUp } = ancestralStep(sigmas[i], sigmas[i + 1], p.eta);
      const noiseScale = p.sNoise * sigmaUp;
      const terms: [number, typeof x][] = [
        [1, x],
        [sigmaDown - sigmas[i], d],
      ];
      if (noiseScale > 0) terms.push([noiseScale, ctx.noise(noiseKey(i, 0))]);
      return { x: ctx.ops.lincomb(terms), x0: denoised, derivative: d, nfe: 1 };
    });
  },
};
