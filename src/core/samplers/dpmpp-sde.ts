import { noiseKey } from '../rng';
import { checkGrid, stepOrderGuard, toD } from './common';
import type { SamplerContext, SamplerDef, SamplerRun, SamplingGrid } from './types';

/**
 * SDE-DPM-Solver++(2M) (Lu et al. 2022b, "DPM-Solver++", arXiv 2211.01095), as k-diffusion's sample_dpmpp_2m_sde. With h = log(σ_s/σ_t), ηh = η·h:
 *   x_t = (σ_t/σ_s)e^{−ηh}·x_s + (1 − e^{−h−ηh})·D_s + correction + σ_t√(1 − e^{−2ηh})·z,
 * correction (r = h_last/h, ΔD = D_s − D_prev)
 *   midpoint: ½(1 − e^{−h−ηh})·ΔD/r,   heun: ((1 − e^{−h−ηh})/(−h−ηh) + 1)·ΔD/r.
 * η = 1 integrates the reverse SDE; η = 0 drops the noise and, with midpoint, is
 * DPM-Solver++(2M) exactly. The step onto σ = 0 is the denoising step x ← D.
 */
export type DpmppSdeParams = { eta: number; solverType: string };

export const dpmppSde: SamplerDef<DpmppSdeParams> = {
  id: 'dpmpp-sde',
  name: 'SDE-DPM-Solver++(2M)',
  reference:
    'Lu et al. 2022b, DPM-Solver++, SDE-DPM-Solver++(2M) (k-diffusion sample_dpmpp_2m_sde)',
  params: [
    {
      key: 'eta',
      label: 'η (SDE noise)',
      kind: 'number',
      min: 0,
      max: 1,
      step: 0.05,
      tex: String.raw`x_t = \tfrac{\sigma_t}{\sigma_s}e^{-\eta h}x_s + \big(1-e^{-(1+\eta)h}\big)\hat D + \sigma_t\sqrt{1-e^{-2\eta h}}\,z`,
    },
    {
      key: 'solverType',
      label: 'Second-order correction',
      kind: 'choice',
      choices: ['midpoint', 'heun'],
      tex: String.raw`\text{midpoint: } \tfrac12\big(1-e^{-(1+\eta)h}\big)\tfrac{\Delta D}{r},\qquad \text{heun: } \Big(\tfrac{1-e^{-(1+\eta)h}}{-(1+\eta)h}+1\Big)\tfrac{\Delta D}{r}`,
    },
  ],
  defaults: { eta: 1, solverType: 'midpoint' },
  stochastic: (p) => p.eta > 0,
  nfePerStep: () => 1,
  create<T>(ctx: SamplerContext<T>, grid: SamplingGrid, p: DpmppSdeParams): SamplerRun<T> {
    const { ops, denoise } = ctx;
    const sigmas = checkGrid(grid, 'dpmpp-sde');
    const guard = stepOrderGuard(sigmas, 'dpmpp-sde');
    if (p.solverType !== 'midpoint' && p.solverType !== 'heun') {
      throw new Error(`dpmpp-sde: solverType must be 'midpoint' or 'heun', got '${p.solverType}'`);
    }
    if (!(p.eta >= 0 && p.eta <= 1))
      throw new Error(`dpmpp-sde: eta must be in [0, 1], got ${p.eta}`);
    let previous: T | undefined;
    let hLast = 0;
    return {
      step(x, i) {
        guard(i);
        const s = sigmas[i];
        const t = sigmas[i + 1];
        const denoised = denoise(x, s);
        const derivative = toD(ops, x, s, denoised);
        let xNext: T = denoised;
        if (t > 0) {
          const h = Math.log(s / t);
          const etaH = p.eta * h;
          const a = -Math.expm1(-h - etaH);
          const terms: [number, T][] = [
            [(t / s) * Math.exp(-etaH), x],
            [a, denoised],
          ];
          if (previous !== undefined) {
            const r = hLast / h;
            const c = (p.solverType === 'heun' ? a / (-h - etaH) + 1 : 0.5 * a) / r;
            terms.push([c, denoised], [-c, previous]);
          }
          if (p.eta > 0)
            terms.push([t * Math.sqrt(-Math.expm1(-2 * etaH)), ctx.noise(noiseKey(i, 0))]);
          xNext = ops.lincomb(terms);
          hLast = h;
        }
        previous = denoised;
        return { x: xNext, x0: denoised, derivative, nfe: 1 };
      },
      history: () => (previous === undefined ? [] : [previous]),
    };
  },
};
