import { checkGrid, stepOrderGuard, toD } from './common';
import type { SamplerContext, SamplerDef, SamplerRun, SamplingGrid } from './types';

/**
 * DPM-Solver++(2M) (Lu et al. 2022b, "DPM-Solver++", arXiv 2211.01095, Algorithm 2), as
 * k-diffusion's sample_dpmpp_2m: data prediction, one evaluation per step, the second
 * order from the previous step's D. With h = λ_t − λ_s and r = h_last/h,
 *   D' = (1 + 1/(2r))·D_s − 1/(2r)·D_prev,   x_t = (σ_t/σ_s)·x_s + (1 − e^{−h})·D'.
 * The first step and the step onto σ = 0 are first order (the latter lands on D).
 */
export type DpmppTwoMParams = Record<string, never>;

export const dpmppTwoM: SamplerDef<DpmppTwoMParams> = {
  id: 'dpmpp-2m',
  name: 'DPM-Solver++(2M)',
  reference: 'Lu et al. 2022b, DPM-Solver++, Algorithm 2 (multistep second order)',
  params: [],
  defaults: {},
  stochastic: () => false,
  nfePerStep: () => 1,
  create<T>(ctx: SamplerContext<T>, grid: SamplingGrid): SamplerRun<T> {
    const { ops, denoise } = ctx;
    const sigmas = checkGrid(grid, 'dpmpp-2m');
    const guard = stepOrderGuard(sigmas, 'dpmpp-2m');
    let previous: T | undefined;
    return {
      step(x, i) {
        guard(i);
        const s = sigmas[i];
        const t = sigmas[i + 1];
        const denoised = denoise(x, s);
        const derivative = toD(ops, x, s, denoised);
        let xNext: T;
        if (t === 0) {
          xNext = denoised;
        } else {
          const h = Math.log(s / t);
          const a = -Math.expm1(-h);
          if (previous === undefined) {
            xNext = ops.lincomb([
              [t / s, x],
              [a, denoised],
            ]);
          } else {
            const r = Math.log(sigmas[i - 1] / s) / h;
            const w = 1 / (2 * r);
            xNext = ops.lincomb([
              [t / s, x],
              [a * (1 + w), denoised],
              [-a * w, previous],
            ]);
          }
        }
        previous = denoised;
        return { x: xNext, x0: denoised, derivative, nfe: 1 };
      },
      history: () => (previous === undefined ? [] : [previous]),
    };
  },
};
