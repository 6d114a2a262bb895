import { checkGrid, stepOrderGuard, toD } from './common';
import type { SamplerContext, SamplerDef, SamplerRun, SamplingGrid } from './types';

export type DpmAdaptiveParams = { order: number; rtol: number; atol: number };

/** k-diffusion's sample_dpm_adaptive defaults: first step in λ, acceptance threshold. */
const H_INIT = 0.05;
const ACCEPT_SAFETY = 0.81;
/** The last proposal of an interval snaps to its end when it would leave less than this in λ. */
const SNAP = 1e-5;
const MAX_ATTEMPTS = 10_000;

/**
 * Adaptive DPM-Solver (Lu et al. 2022, "DPM-Solver", §4 and Appendix C, Algorithm 4; k-diffusion
 * DPMSolver.dpm_solver_adaptive): in λ = −log σ, each attempt takes a lower-order step x_low
 * (DPM-Solver-1 for order 2; DPM-Solver-2 with r₁ = 1/3 for order 3) and a higher-order one
 * x_high (DPM-Solver-2 with r₁ = 1/2; DPM-Solver-3) from the same stages, measures
 * E = ‖(x_low − x_high)/δ‖_RMS with δ = max(atol, rtol·max(|x_low|, |x_prev|)), and scales the
 * step by k-diffusion's integral controller (pcoeff = dcoeff = 0):
 * f = 1 + atan((1/E)^(1/order) − 1), accepting when f ≥ 0.81 and keeping x_high. The state is
 * advanced across each grid interval in turn, landing exactly on every grid σ, with the step
 * size and x_prev carried from one interval to the next. Two departures from k-diffusion, both
 * exact: ε̂ at (x, λ) is reused after a rejected attempt (k-diffusion evaluates it again), so
 * the reported NFE is what the model really spent; and the step onto σ = 0 is the first-order
 * limit x ← D(x, σ), as in dpm-solver.
 */
export const dpmAdaptive: SamplerDef<DpmAdaptiveParams> = {
  id: 'dpm-adaptive',
  name: 'DPM-Solver adaptive (12 / 23)',
  reference:
    'Lu et al. 2022, DPM-Solver, §4 and Algorithm 4 (adaptive step size); k-diffusion sample_dpm_adaptive',
  params: [
    {
      key: 'order',
      label: 'Order',
      kind: 'int',
      min: 2,
      max: 3,
      step: 1,
      tex: String.raw`E = \Big\|\tfrac{x_{\text{low}} - x_{\text{high}}}{\delta}\Big\|_{\text{RMS}},\quad h \leftarrow h\,\big(1 + \arctan(E^{-1/k} - 1)\big)`,
    },
    {
      key: 'rtol',
      label: 'rtol',
      kind: 'number',
      min: 1e-6,
      max: 0.5,
      step: 1e-6,
      tex: String.raw`\delta = \max\!\big(\text{atol},\ \text{rtol}\cdot\max(|x_{\text{low}}|, |x_{\text{prev}}|)\big)`,
    },
    {
      key: 'atol',
      label: 'atol',
      kind: 'number',
      min: 1e-6,
      max: 0.5,
      step: 1e-6,
      tex: String.raw`\delta = \max\!\big(\text{atol},\ \text{rtol}\cdot\max(|x_{\text{low}}|, |x_{\text{prev}}|)\big)`,
    },
  ],
  defaults: { order: 3, rtol: 0.05, atol: 0.0078 },
  stochastic: () => false,
  // Nominal: one accepted attempt of `order` evaluations; the actual count is reported per step.
  nfePerStep: (p) => p.order,
  create<T>(ctx: SamplerContext<T>, grid: SamplingGrid, p: DpmAdaptiveParams): SamplerRun<T> {
    const { ops, denoise } = ctx;
    const sigmas = checkGrid(grid, 'dpm-adaptive');
    const order = p.order;
    if (order !== 2 && order !== 3) throw new Error(`dpm-adaptive: order ${order} must be 2 or 3`);
    if (!(p.rtol > 0 && p.atol > 0)) throw new Error('dpm-adaptive: rtol and atol must be > 0');
    const guard = stepOrderGuard(sigmas, 'dpm-adaptive');
    const evalEps = (u: T, sigma: number) => {
      const d = denoise(u, sigma);
      return { d, eps: toD(ops, u, sigma, d) };
    };
    let h = H_INIT;
    let xPrev: T | undefined;

    /** x_low and x_high from λ_s (σ_s, ε̂ there) to λ_s + hh, and the last stage's D. */
    const attempt = (x: T, sigmaS: number, eps: T, hh: number) => {
      const sigmaT = sigmaS * Math.exp(-hh);
      const em = Math.expm1(hh);
      const r1 = order === 2 ? 1 / 2 : 1 / 3;
      const s1 = sigmaS * Math.exp(-r1 * hh);
      const mid = evalEps(
        ops.lincomb([
          [1, x],
          [-s1 * Math.expm1(r1 * hh), eps],
        ]),
        s1,
      );
      // DPM-Solver-2 (Algorithm 1) with r₁: x − σ_t(e^h − 1)ε̂ − σ_t/(2r₁)(e^h − 1)(ε̂₁ − ε̂).
      const c2 = (sigmaT * em) / (2 * r1);
      const second = ops.lincomb([
        [1, x],
        [-sigmaT * em + c2, eps],
        [-c2, mid.eps],
      ]);
      if (order === 2) {
        const first = ops.lincomb([
          [1, x],
          [-sigmaT * em, eps],
        ]);
        return { low: first, high: second, d: mid.d };
      }
      // DPM-Solver-3 (Algorithm 2, r₁ = 1/3, r₂ = 2/3).
      const r2 = 2 / 3;
      const s2 = sigmaS * Math.exp(-r2 * hh);
      const em2 = Math.expm1(r2 * hh);
      const cu = s2 * (r2 / r1) * (em2 / (r2 * hh) - 1);
      const last = evalEps(
        ops.lincomb([
          [1, x],
          [-s2 * em2 + cu, eps],
          [-cu, mid.eps],
        ]),
        s2,
      );
      const c3 = (sigmaT / r2) * (em / hh - 1);
      const third = ops.lincomb([
        [1, x],
        [-sigmaT * em + c3, eps],
        [-c3, last.eps],
      ]);
      return { low: second, high: third, d: last.d };
    };

    return {
      step(x, i) {
        guard(i);
        xPrev ??= x;
        const start = evalEps(x, sigmas[i]);
        if (sigmas[i + 1] === 0) return { x: start.d, x0: start.d, derivative: start.eps, nfe: 1 };
        const end = -Math.log(sigmas[i + 1]);
        let lambda = -Math.log(sigmas[i]);
        let state = x;
        let here = start;
        let x0 = start.d;
        let nfe = 1;
        for (let tries = 0; lambda < end; tries++) {
          if (tries >= MAX_ATTEMPTS)
            throw new Error(
              `dpm-adaptive: no convergence in ${MAX_ATTEMPTS} attempts at step ${i}`,
            );
          const next = end - (lambda + h) < SNAP ? end : lambda + h;
          const a = attempt(state, Math.exp(-lambda), here.eps, next - lambda);
          nfe += order - 1;
          const diff = ops.lincomb([
            [1, a.low],
            [-1, a.high],
          ]);
          const error = Math.sqrt(ops.errorNorm(diff, a.low, xPrev, p.atol, p.rtol, 'max'));
          const factor = 1 + Math.atan((1 / (error + 1e-8)) ** (1 / order) - 1);
          h *= factor;
          if (factor < ACCEPT_SAFETY) continue;
          xPrev = a.low;
          state = a.high;
          x0 = a.d;
          lambda = next;
          if (lambda < end) {
            here = evalEps(state, Math.exp(-lambda));
            nfe++;
          }
        }
        return { x: state, x0, derivative: start.eps, nfe };
      },
      history: () => (xPrev === undefined ? [] : [xPrev]),
    };
  },
};
