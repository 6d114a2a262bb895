import { checkGrid, statelessRun, toD } from './common';
import type { SamplerContext, SamplerDef, SamplerRun, SamplingGrid } from './types';

/**
 * DPM-Solver, singlestep, orders 1–3 (Lu et al. 2022, "DPM-Solver", arXiv 2206.00927):
 * order 1 is DPM-Solver-1 (= DDIM with η = 0), order 2 is Algorithm 1 with r₁ = 1/2 and
 * order 3 is Algorithm 2 with r₁ = 1/3, r₂ = 2/3, all in noise prediction ε̂ and
 * λ = −log σ, as k-diffusion's DPMSolver.dpm_solver_{1,2,3}_step. In k-diffusion
 * coordinates α = 1, so u = x − σ_s·(e^{r h} − 1)·ε̂ etc. A step onto σ = 0 (λ = ∞) is the
 * first-order limit, x ← D(x, σ), one evaluation.
 */
export type DpmSolverParams = { order: number };

export const dpmSolver: SamplerDef<DpmSolverParams> = {
  id: 'dpm-solver',
  name: 'DPM-Solver (singlestep)',
  reference: 'Lu et al. 2022, DPM-Solver, Algorithms 1 and 2 (DPM-Solver-2, DPM-Solver-3)',
  params: [
    {
      key: 'order',
      label: 'Order',
      kind: 'int',
      min: 1,
      max: 3,
      step: 1,
      tex: String.raw`x_{t} = x_s - \sigma_t (e^{h}-1)\,\hat\epsilon_s - \sum_{n=1}^{k-1} \sigma_t\, c_n(h)\,\Delta^n\hat\epsilon,\quad h = \log\tfrac{\sigma_s}{\sigma_t}`,
    },
  ],
  defaults: { order: 3 },
  stochastic: () => false,
  nfePerStep: (p) => p.order,
  create<T>(ctx: SamplerContext<T>, grid: SamplingGrid, p: DpmSolverParams): SamplerRun<T> {
    const { ops, denoise } = ctx;
    const sigmas = checkGrid(grid, 'dpm-solver');
    const order = Math.round(p.order);
    if (order < 1 || order > 3) throw new Error(`dpm-solver: order ${p.order} must be 1, 2 or 3`);

    /** ε̂ at (u, σ) plus the denoiser output that produced it. */
    const evalEps = (u: T, sigma: number) => {
      const d = denoise(u, sigma);
      return { d, eps: toD(ops, u, sigma, d) };
    };

    return statelessRun(sigmas, 'dpm-solver', (x, i) => {
      const s = sigmas[i];
      const t = sigmas[i + 1];
      const first = evalEps(x, s);
      if (t === 0) return { x: first.d, x0: first.d, derivative: first.eps, nfe: 1 };

      const h = Math.log(s / t);
      const em = Math.expm1(h);
      if (order === 1) {
        return {
          x: ops.lincomb([
            [1, x],
            [-t * em, first.eps],
          ]),
          x0: first.d,
          derivative: first.eps,
          nfe: 1,
        };
      }
      const r1 = order === 2 ? 1 / 2 : 1 / 3;
      const s1 = s * Math.exp(-r1 * h);
      const u1 = ops.lincomb([
        [1, x],
        [-s1 * Math.expm1(r1 * h), first.eps],
      ]);
      const mid = evalEps(u1, s1);
      if (order === 2) {
        // Algorithm 1: x − σ_t(e^h − 1)ε̂ − σ_t/(2r₁)(e^h − 1)(ε̂(u₁) − ε̂)
        const c = (t * em) / (2 * r1);
        const xNext = ops.lincomb([
          [1, x],
          [-t * em + c, first.eps],
          [-c, mid.eps],
        ]);
        return { x: xNext, x0: mid.d, derivative: first.eps, nfe: 2 };
      }
      // Algorithm 2 (r₁ = 1/3, r₂ = 2/3)
      const r2 = 2 / 3;
      const s2 = s * Math.exp(-r2 * h);
      const em2 = Math.expm1(r2 * h);
      const c2 = s2 * (r2 / r1) * (em2 / (r2 * h) - 1);
      const u2 = ops.lincomb([
        [1, x],
        [-s2 * em2 + c2, first.eps],
        [-c2, mid.eps],
      ]);
      const last = evalEps(u2, s2);
      const c3 = (t / r2) * (em / h - 1);
      const xNext = ops.lincomb([
        [1, x],
        [-t * em + c3, first.eps],
        [-c3, last.eps],
      ]);
      return { x: xNext, x0: last.d, derivative: first.eps, nfe: 3 };
    });
  },
};
