import { checkGrid, stepOrderGuard, toD } from './common';
import { logRhoIntegralWeights } from './exponential-integrator';
import type { SamplerContext, SamplerDef, SamplerRun, SamplingGrid } from './types';

/**
 * DEIS, multistep tAB-DEIS in the log ρ variable (Zhang & Chen 2023, "Fast Sampling of
 * Diffusion Models with Exponential Integrator", arXiv 2204.13902, tAB-DEIS), as
 * diffusers' DEISMultistepScheduler with solver_type 'logrho'. With α = 1 the PF-ODE is
 * dx/dρ = ε̂(x, ρ), ρ = σ, so the exponential integrator is exact in x and only ε̂ is
 * interpolated: a Lagrange polynomial in log ρ through the last k noise predictions,
 * integrated over [ρ_s, ρ_t] in closed form:  x_t = x_s + Σ_j c_j·ε̂_j.
 * Orders warm up 1, 2, … ; the step onto σ = 0 (log ρ = −∞) lands on D.
 */
export type DeisParams = { order: number };

export const deis: SamplerDef<DeisParams> = {
  id: 'deis',
  name: 'DEIS (tAB, log ρ)',
  reference: 'Zhang & Chen 2023, DEIS, tAB-DEIS with ε̂ interpolated in log ρ',
  params: [
    {
      key: 'order',
      label: 'Order k',
      kind: 'int',
      min: 1,
      max: 3,
      step: 1,
      tex: String.raw`x_t = x_s + \sum_{j=0}^{k-1}\hat\epsilon_{s_j}\int_{\rho_s}^{\rho_t}\prod_{m\ne j}\frac{\log\rho-\log\rho_{s_m}}{\log\rho_{s_j}-\log\rho_{s_m}}\,d\rho`,
    },
  ],
  defaults: { order: 2 },
  stochastic: () => false,
  nfePerStep: () => 1,
  create<T>(ctx: SamplerContext<T>, grid: SamplingGrid, p: DeisParams): SamplerRun<T> {
    const { ops, denoise } = ctx;
    const sigmas = checkGrid(grid, 'deis');
    const guard = stepOrderGuard(sigmas, 'deis');
    const order = Math.round(p.order);
    if (order < 1 || order > 3) throw new Error(`deis: order ${p.order} must be 1, 2 or 3`);
    /** Past noise predictions and their ρ, newest first. */
    const eps: T[] = [];
    const rhos: number[] = [];
    return {
      step(x, i) {
        guard(i);
        const sigma = sigmas[i];
        const next = sigmas[i + 1];
        const denoised = denoise(x, sigma);
        const e = toD(ops, x, sigma, denoised);
        eps.unshift(e);
        rhos.unshift(sigma);
        if (eps.length > order) {
          eps.pop();
          rhos.pop();
        }
        if (next === 0) return { x: denoised, x0: denoised, derivative: e, nfe: 1 };
        const weights = logRhoIntegralWeights(next, rhos);
        const terms: [number, T][] = [[1, x], ...weights.map((w, j): [number, T] => [w, eps[j]])];
        return { x: ops.lincomb(terms), x0: denoised, derivative: e, nfe: 1 };
      },
      history: () => [...eps],
    };
  },
};
