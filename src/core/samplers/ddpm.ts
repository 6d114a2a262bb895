import { noiseKey } from '../rng';
import { alphaBarOfSigma, checkGrid, statelessRun } from './common';
import type { SamplerDef } from './types';

export type DdpmParams = { variance: string };

/**
 * Coefficients of one DDPM ancestral step t → s (s < t) in k-diffusion coordinates.
 * In VP form (Ho et al. 2020, eq. 6-7 and Algorithm 2, with ᾱ = 1/(1+σ²) and the step's
 * β = 1 − ᾱ_t/ᾱ_s):  z_s = sqrt(ᾱ_s)β/(1−ᾱ_t)·x̂0 + sqrt(ᾱ_t/ᾱ_s)(1−ᾱ_s)/(1−ᾱ_t)·z_t + std·ε,
 * which is the same as Algorithm 2's mean (x_t − β/sqrt(1−ᾱ_t)·ε̂)/sqrt(α). Dividing by
 * sqrt(ᾱ_s) (x = z/sqrt(ᾱ)) gives x_s = cX·x_t + cX0·x̂0 + (std/sqrt(ᾱ_s))·ε.
 */
export function ddpmCoefficients(sigmaT: number, sigmaS: number, variance: string) {
  const abT = alphaBarOfSigma(sigmaT);
  const abS = alphaBarOfSigma(sigmaS);
  const beta = 1 - abT / abS;
  const cX0 = (Math.sqrt(abS) * beta) / (1 - abT) / Math.sqrt(abS);
  const cX = ((Math.sqrt(abT / abS) * (1 - abS)) / (1 - abT)) * (Math.sqrt(abT) / Math.sqrt(abS));
  // Ho et al. §3.2: σ_t² = β_t (upper bound) or β̃_t = (1−ᾱ_{t−1})/(1−ᾱ_t)·β_t (posterior);
  // Algorithm 2 adds no noise on the last step (t = 1 → x_0).
  const varianceVP = sigmaS === 0 ? 0 : variance === 'beta' ? beta : ((1 - abS) / (1 - abT)) * beta;
  return { cX, cX0, noiseStd: Math.sqrt(varianceVP / abS) };
}

/**
 * Ancestral DDPM sampling (Ho et al. 2020, Algorithm 2) on an arbitrary σ grid: each grid
 * interval is one step of the VP chain with ᾱ = 1/(1+σ²), so on the grid of a discrete
 * schedule it is exactly the diffusers DDPMScheduler chain (without clipping).
 */
export const ddpm: SamplerDef<DdpmParams> = {
  id: 'ddpm',
  name: 'DDPM (ancestral)',
  reference: 'Ho et al. 2020, DDPM, Algorithm 2 (variance β_t or β̃_t, §3.2)',
  params: [
    {
      key: 'variance',
      label: 'Reverse variance',
      kind: 'choice',
      choices: ['beta-tilde', 'beta'],
      tex: String.raw`\sigma_t^2 \in \Big\{\ \tilde\beta_t = \tfrac{1-\bar\alpha_{t-1}}{1-\bar\alpha_t}\beta_t,\ \ \beta_t\ \Big\}`,
    },
  ],
  defaults: { variance: 'beta-tilde' },
  stochastic: () => true,
  nfePerStep: () => 1,
  create(ctx, grid, p) {
    const sigmas = checkGrid(grid, 'ddpm');
    if (p.variance !== 'beta' && p.variance !== 'beta-tilde') {
      throw new Error(`ddpm: variance must be "beta" or "beta-tilde", got "${p.variance}"`);
    }
    return statelessRun(sigmas, 'ddpm', (x, i) => {
      const denoised = ctx.denoise(x, sigmas[i]);
      const { cX, cX0, noiseStd } = ddpmCoefficients(sigmas[i], sigmas[i + 1], p.variance);
      const terms: [number, typeof x][] = [
        [cX, x],
        [cX0, denoised],
      ];
      if (noiseStd > 0) terms.push([noiseStd, ctx.noise(noiseKey(i, 0))]);
      return { x: ctx.ops.lincomb(terms), x0: denoised, nfe: 1 };
    });
  },
};
