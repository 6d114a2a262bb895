import { noiseKey } from '../rng';
import { ancestralStep, checkGrid, statelessRun, toD } from './common';
import type { SamplerContext, SamplerDef, SamplerRun, SamplingGrid } from './types';

/**
 * Ancestral sampling with DPM-Solver++(2S) steps (Lu et al. 2022b, "DPM-Solver++",
 * arXiv 2211.01095, Algorithm 1 with r = 1/2), as k-diffusion's sample_dpmpp_2s_ancestral:
 * split σ_i → σ_{i+1} into a deterministic 2S step down to σ_down and fresh noise of
 * size σ_up, with σ_up = min(σ_{i+1}, η·σ_{i+1}·√(σ_i² − σ_{i+1}²)/σ_i) and
 * σ_down = √(σ_{i+1}² − σ_up²). η = 0 is the deterministic DPM-Solver++(2S).
 * The 2S step, λ = −log σ, h = λ_down − λ_i, s = λ_i + h/2:
 *   u = (σ_s/σ_i)·x − (e^{−h/2} − 1)·D(x, σ_i),  x ← (σ_down/σ_i)·x − (e^{−h} − 1)·D(u, σ_s).
 * A step with σ_down = 0 is an Euler step onto D.
 */
export type DpmppTwoSParams = { eta: number };

export const dpmppTwoS: SamplerDef<DpmppTwoSParams> = {
  id: 'dpmpp-2s',
  name: 'DPM-Solver++(2S) ancestral',
  reference:
    'Lu et al. 2022b, DPM-Solver++, Algorithm 1 (singlestep, r = 1/2), with ancestral noise',
  params: [
    {
      key: 'eta',
      label: 'η (ancestral noise)',
      kind: 'number',
      min: 0,
      max: 1,
      step: 0.05,
      tex: String.raw`\sigma_{\text{up}} = \min\!\Big(\sigma_{i+1},\ \eta\,\frac{\sigma_{i+1}}{\sigma_i}\sqrt{\sigma_i^2-\sigma_{i+1}^2}\Big),\quad \sigma_{\text{down}} = \sqrt{\sigma_{i+1}^2-\sigma_{\text{up}}^2}`,
    },
  ],
  defaults: { eta: 1 },
  stochastic: (p) => p.eta > 0,
  nfePerStep: () => 2,
  create<T>(ctx: SamplerContext<T>, grid: SamplingGrid, p: DpmppTwoSParams): SamplerRun<T> {
    const { ops, denoise } = ctx;
    const sigmas = checkGrid(grid, 'dpmpp-2s');
    if (!(p.eta >= 0 && p.eta <= 1))
      throw new Error(`dpmpp-2s: eta must be in [0, 1], got ${p.eta}`);
    return statelessRun(sigmas, 'dpmpp-2s', (x, i) => {
      const sigma = sigmas[i];
      const next = sigmas[i + 1];
      const denoised = denoise(x, sigma);
      const derivative = toD(ops, x, sigma, denoised);
      const { sigmaDown: down, sigmaUp: up } = ancestralStep(sigma, next, p.eta);
      const withNoise = (terms: [number, T][]) => {
        if (next > 0 && up > 0) terms.push([up, ctx.noise(noiseKey(i, 0))]);
        return ops.lincomb(terms);
      };
      if (down === 0) return { x: withNoise([[1, denoised]]), x0: denoised, derivative, nfe: 1 };

      const h = Math.log(sigma / down);
      const sigmaMid = sigma * Math.exp(-h / 2);
      const u = ops.lincomb([
        [sigmaMid / sigma, x],
        [-Math.expm1(-h / 2), denoised],
      ]);
      const denoisedMid = denoise(u, sigmaMid);
      const xNext = withNoise([
        [down / sigma, x],
        [-Math.expm1(-h), denoisedMid],
      ]);
      return { x: xNext, x0: denoisedMid, derivative, nfe: 2 };
    });
  },
};
