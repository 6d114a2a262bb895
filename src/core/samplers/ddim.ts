import { noiseKey } from '../rng';
import { alphaBarOfSigma, checkGrid, statelessRun, toD } from './common';
import type { SamplerDef } from './types';

export type DdimParams = { eta: number };

/**
 * One DDIM step t → s (Song et al. 2021, DDIM, eq. 12 and eq. 16):
 *   z_s = sqrt(ᾱ_s)·x̂0 + sqrt(1 − ᾱ_s − σ_η²)·ε̂ + σ_η·ε,
 *   σ_η = η·sqrt((1−ᾱ_s)/(1−ᾱ_t))·sqrt(1 − ᾱ_t/ᾱ_s).
 * Divided by sqrt(ᾱ_s) this is x_s = x̂0 + sqrt(σ_s² − σ_η²/ᾱ_s)·ε̂ + (σ_η/sqrt(ᾱ_s))·ε.
 * Returns the coefficient of ε̂ and the noise std, both in k-diffusion coordinates.
 */
export function ddimCoefficients(sigmaT: number, sigmaS: number, eta: number) {
  const abT = alphaBarOfSigma(sigmaT);
  const abS = alphaBarOfSigma(sigmaS);
  const sigmaEta = eta * Math.sqrt((1 - abS) / (1 - abT)) * Math.sqrt(1 - abT / abS);
  const epsCoef = Math.sqrt(Math.max(0, 1 - abS - sigmaEta ** 2) / abS);
  return { epsCoef, noiseStd: sigmaEta / Math.sqrt(abS) };
}

/** DDIM (Song, Meng & Ermon 2021): η = 0 deterministic, η = 1 the DDPM posterior. */
export const ddim: SamplerDef<DdimParams> = {
  id: 'ddim',
  name: 'DDIM',
  reference: 'Song, Meng & Ermon 2021, DDIM, eq. 12 (σ_t(η) from eq. 16)',
  params: [
    {
      key: 'eta',
      label: 'η',
      kind: 'number',
      min: 0,
      max: 1,
      step: 0.01,
      tex: String.raw`\sigma_t(\eta) = \eta\sqrt{\tfrac{1-\bar\alpha_{t-1}}{1-\bar\alpha_t}}\sqrt{1-\tfrac{\bar\alpha_t}{\bar\alpha_{t-1}}},\quad x_{t-1} = \sqrt{\bar\alpha_{t-1}}\,\hat x_0 + \sqrt{1-\bar\alpha_{t-1}-\sigma_t^2}\,\hat\epsilon + \sigma_t z`,
    },
  ],
  defaults: { eta: 0 },
  stochastic: (p) => p.eta > 0,
  nfePerStep: () => 1,
  create(ctx, grid, p) {
    const sigmas = checkGrid(grid, 'ddim');
    if (!(p.eta >= 0 && p.eta <= 1)) throw new Error(`ddim: eta must be in [0, 1], got ${p.eta}`);
    return statelessRun(sigmas, 'ddim', (x, i) => {
      const denoised = ctx.denoise(x, sigmas[i]);
      const epsHat = toD(ctx.ops, x, sigmas[i], denoised);
      const { epsCoef, noiseStd } = ddimCoefficients(sigmas[i], sigmas[i + 1], p.eta);
      const terms: [number, typeof x][] = [
        [1, denoised],
        [epsCoef, epsHat],
      ];
      if (noiseStd > 0 && sigmas[i + 1] > 0) terms.push([noiseStd, ctx.noise(noiseKey(i, 0))]);
      return { x: ctx.ops.lincomb(terms), x0: denoised, derivative: epsHat, nfe: 1 };
    });
  },
};
