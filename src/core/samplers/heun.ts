import { noiseKey } from '../rng';
import { checkGrid, churnGamma, statelessRun, toD } from './common';
import type { SamplerDef } from './types';

export type HeunParams = { sChurn: number; sTmin: number; sTmax: number; sNoise: number };

/**
 * Karras et al. 2022, EDM, Algorithm 2 (k-diffusion `sample_heun`): optional churn raises
 * σ_i to σ̂ = σ_i(1 + γ_i) with fresh noise, then a Heun (trapezoidal) step to σ_{i+1};
 * the step to σ = 0 is a plain Euler step (line 8), so it costs one evaluation.
 */
export const heun: SamplerDef<HeunParams> = {
  id: 'heun',
  name: 'Heun (EDM)',
  reference: 'Karras et al. 2022, EDM, Algorithm 2; k-diffusion sample_heun',
  params: [
    {
      key: 'sChurn',
      label: 'S_churn',
      kind: 'number',
      min: 0,
      max: 100,
      step: 0.1,
      tex: String.raw`\gamma_i = \min\!\big(\tfrac{S_{\text{churn}}}{N},\ \sqrt2-1\big),\quad \hat\sigma_i = (1+\gamma_i)\,\sigma_i`,
    },
    {
      key: 'sTmin',
      label: 'S_tmin',
      kind: 'number',
      min: 0,
      max: 100,
      step: 0.01,
      tex: String.raw`\gamma_i = 0 \ \text{unless}\ \sigma_i \in [S_{t\min}, S_{t\max}]`,
    },
    {
      key: 'sTmax',
      label: 'S_tmax',
      kind: 'number',
      min: 0,
      max: 1000,
      step: 0.1,
      tex: String.raw`\gamma_i = 0 \ \text{unless}\ \sigma_i \in [S_{t\min}, S_{t\max}]`,
    },
    {
      key: 'sNoise',
      label: 'S_noise',
      kind: 'number',
      min: 0,
      max: 1.1,
      step: 0.001,
      tex: String.raw`\hat x_i = x_i + \sqrt{\hat\sigma_i^2-\sigma_i^2}\;\epsilon,\quad \epsilon\sim\mathcal N(0, S_{\text{noise}}^2 I)`,
    },
  ],
  defaults: { sChurn: 0, sTmin: 0, sTmax: 1000, sNoise: 1 },
  stochastic: (p) => p.sChurn > 0 && p.sNoise > 0,
  nfePerStep: () => 2,
  create(ctx, grid, p) {
    const sigmas = checkGrid(grid, 'heun');
    const steps = sigmas.length - 1;
    const { ops } = ctx;
    return statelessRun(sigmas, 'heun', (x, i) => {
      const gamma = churnGamma(sigmas[i], steps, p.sChurn, p.sTmin, p.sTmax);
      const sigmaHat = sigmas[i] * (1 + gamma);
      const xHat =
        gamma > 0 && p.sNoise > 0
          ? ops.lincomb([
              [1, x],
              [p.sNoise * Math.sqrt(sigmaHat ** 2 - sigmas[i] ** 2), ctx.noise(noiseKey(i, 0))],
            ])
          : x;
      const denoised = ctx.denoise(xHat, sigmaHat);
      const d = toD(ops, xHat, sigmaHat, denoised);
      const dt = sigmas[i + 1] - sigmaHat;
      const xEuler = ops.lincomb([
        [1, xHat],
        [dt, d],
      ]);
      if (sigmas[i + 1] === 0) return { x: xEuler, x0: denoised, derivative: d, nfe: 1 };
      const denoised2 = ctx.denoise(xEuler, sigmas[i + 1]);
      const d2 = toD(ops, xEuler, sigmas[i + 1], denoised2);
      const dPrime = ops.lincomb([
        [0.5, d],
        [0.5, d2],
      ]);
      const next = ops.lincomb([
        [1, xHat],
        [dt, dPrime],
      ]);
      return { x: next, x0: denoised2, derivative: dPrime, nfe: 2 };
    });
  },
};
