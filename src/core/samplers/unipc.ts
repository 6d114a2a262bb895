import { checkGrid, stepOrderGuard, toD } from './common';
import { lambdaOf, phi, solveSmall } from './exponential-integrator';
import type { SamplerContext, SamplerDef, SamplerRun, SamplingGrid } from './types';

/**
 * UniPC (Zhao et al. 2023, "UniPC", arXiv 2302.04867): the UniP-p predictor and the
 * UniC-p corrector with B(h) = e^{ĥ} − 1, ĥ = −h ("bh2"), data prediction, as diffusers'
 * UniPCMultistepScheduler (which follows wl-zhao/UniPC). In k-diffusion coordinates α = 1, λ = −log σ, h = λ_t − λ_s:
 *   x_t = (σ_t/σ_s)·x_s + (1 − e^{−h})·D_s − B(h)·Σ_k ρ_k·(D_k − D_s)/r_k,
 *   r_k = (λ_{s_k} − λ_s)/h,  ρ from R ρ = b with R_{ik} = r_k^{i−1}, b_i = ĥφ_{i+1}(ĥ)·i!/B(h),
 * except ρ = ½ for UniP-2 and UniC-1 (the simplified rules both references use).
 * The corrector costs no evaluation: step i first corrects the state it is handed with
 * D(x_i, σ_i) (evaluated at the uncorrected predictor output, as in the paper), then
 * predicts from the corrected state; the returned x is that prediction. The step onto
 * σ = 0 lands on D.
 */
export type UniPcParams = { order: number; corrector: boolean };

interface Coefficients {
  /** (1 − e^{−h}) */
  a: number;
  /** B(h) = e^{−h} − 1 */
  bh: number;
  R: number[][];
  b: number[];
}

function coefficients(h: number, rks: readonly number[], order: number): Coefficients {
  const hh = -h;
  const bh = Math.expm1(hh);
  const rAll = [...rks, 1];
  const R: number[][] = [];
  const b: number[] = [];
  let fact = 1;
  for (let i = 1; i <= order; i++) {
    R.push(rAll.map((r) => r ** (i - 1)));
    fact *= i;
    b.push((hh * phi(i + 1, hh) * fact) / bh);
  }
  return { a: -bh, bh, R, b };
}

export const uniPc: SamplerDef<UniPcParams> = {
  id: 'unipc',
  name: 'UniPC (bh2)',
  reference:
    'Zhao et al. 2023, UniPC: UniP-p predictor + UniC-p corrector, B(h) = e^h − 1 (bh2), data prediction',
  params: [
    {
      key: 'order',
      label: 'Order p',
      kind: 'int',
      min: 1,
      max: 3,
      step: 1,
      tex: String.raw`x_t = \tfrac{\sigma_t}{\sigma_s}x_s + (1-e^{-h})D_s - B(h)\sum_{k=1}^{p-1}\rho_k\,\frac{D_{s_k}-D_s}{r_k}`,
    },
    {
      key: 'corrector',
      label: 'UniC corrector',
      kind: 'bool',
      tex: String.raw`x^c_t = \tfrac{\sigma_t}{\sigma_s}x_s + (1-e^{-h})D_s - B(h)\Big(\sum_{k=1}^{p-1}\rho^c_k\,\frac{D_{s_k}-D_s}{r_k} + \rho^c_p\,(D_t - D_s)\Big)`,
    },
  ],
  defaults: { order: 2, corrector: true },
  stochastic: () => false,
  nfePerStep: () => 1,
  create<T>(ctx: SamplerContext<T>, grid: SamplingGrid, p: UniPcParams): SamplerRun<T> {
    const { ops, denoise } = ctx;
    const sigmas = checkGrid(grid, 'unipc');
    const guard = stepOrderGuard(sigmas, 'unipc');
    const order = Math.round(p.order);
    if (order < 1 || order > 3) throw new Error(`unipc: order ${p.order} must be 1, 2 or 3`);
    /** Past data predictions, newest last, with the λ each was evaluated at. */
    const outputs: T[] = [];
    const lambdas: number[] = [];
    let lastSample: T | undefined;
    let lastOrder = 1;

    /** Terms of (σ_t/σ_s)x + (1 − e^{−h})D_s − B(h)·Σ_k ρ_k (D_k − D_s)/r_k over the newest `order` outputs. */
    const update = (
      x: T,
      sigmaS: number,
      sigmaT: number,
      used: number,
      rho: (c: Coefficients) => number[],
    ) => {
      const newest = outputs.length - 1;
      const h = lambdaOf(sigmaT) - lambdas[newest];
      const rks: number[] = [];
      for (let k = 1; k < used; k++) rks.push((lambdas[newest - k] - lambdas[newest]) / h);
      const c = coefficients(h, rks, used);
      const terms: [number, T][] = [
        [sigmaT / sigmaS, x],
        [c.a, outputs[newest]],
      ];
      const weights = rho(c);
      rks.forEach((r, idx) => {
        const w = (c.bh * weights[idx]) / r;
        terms.push([-w, outputs[newest - 1 - idx]], [w, outputs[newest]]);
      });
      return { terms, c, weights };
    };

    return {
      step(x, i) {
        guard(i);
        const sigma = sigmas[i];
        const next = sigmas[i + 1];
        const denoised = denoise(x, sigma);
        const derivative = toD(ops, x, sigma, denoised);

        let base = x;
        if (p.corrector && lastSample !== undefined) {
          // UniC-p for the previous step, with D(x_i, σ_i) as the new node (r = 1).
          const { terms, c, weights } = update(lastSample, sigmas[i - 1], sigma, lastOrder, (co) =>
            lastOrder === 1 ? [0.5] : solveSmall(co.R, co.b),
          );
          const wT = c.bh * weights[weights.length - 1];
          terms.push([-wT, denoised], [wT, outputs[outputs.length - 1]]);
          base = ops.lincomb(terms);
        }

        outputs.push(denoised);
        lambdas.push(lambdaOf(sigma));
        if (outputs.length > order) {
          outputs.shift();
          lambdas.shift();
        }
        const used = Math.min(order, outputs.length);
        lastSample = base;
        lastOrder = used;
        if (next === 0) return { x: denoised, x0: denoised, derivative, nfe: 1 };

        const { terms } = update(base, sigma, next, used, (co) =>
          used === 2 ? [0.5] : solveSmall(co.R.slice(0, -1), co.b.slice(0, -1)),
        );
        return { x: ops.lincomb(terms), x0: denoised, derivative, nfe: 1 };
      },
      // The corrector reuses the previous step's state, so the run holds it too.
      history: () =>
        p.corrector && lastSample !== undefined ? [...outputs, lastSample] : [...outputs],
    };
  },
};
