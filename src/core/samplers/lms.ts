import { checkGrid, stepOrderGuard, toD } from './common';
import type { SamplerDef } from './types';

export type LmsParams = { order: number };

// 4-point Gauss–Legendre rule on [−1, 1]: exact for polynomials up to degree 7.
const GL_NODES = [-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526];
const GL_WEIGHTS = [0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538];

/**
 * ∫_{t_i}^{t_{i+1}} ℓ_j(τ) dτ for the Lagrange basis on the nodes t_i, t_{i−1}, …, t_{i−order+1}
 * (k-diffusion `linear_multistep_coeff`, which uses scipy quad; the integrand is a
 * polynomial of degree < 4, so Gauss–Legendre is exact here).
 */
export function linearMultistepCoeff(
  order: number,
  t: readonly number[],
  i: number,
  j: number,
): number {
  if (order - 1 > i) throw new Error(`lms: order ${order} too high for step ${i}`);
  const a = t[i];
  const b = t[i + 1];
  let sum = 0;
  for (let q = 0; q < GL_NODES.length; q++) {
    const tau = 0.5 * (a + b) + 0.5 * (b - a) * GL_NODES[q];
    let prod = 1;
    for (let k = 0; k < order; k++) {
      if (k !== j) prod *= (tau - t[i - k]) / (t[i - j] - t[i - k]);
    }
    sum += GL_WEIGHTS[q] * prod;
  }
  return 0.5 * (b - a) * sum;
}

/**
 * Linear multistep (Adams–Bashforth with variable steps) on the probability-flow ODE
 * in σ: k-diffusion `sample_lms`. Warms up with orders 1, 2, … as history fills.
 */
export const lms: SamplerDef<LmsParams> = {
  id: 'lms',
  name: 'LMS (linear multistep)',
  reference: 'k-diffusion sample_lms (variable-step Adams–Bashforth; Karras et al. 2022 ODE in σ)',
  params: [
    {
      key: 'order',
      label: 'Order',
      kind: 'int',
      min: 1,
      max: 4,
      step: 1,
      tex: String.raw`x_{i+1} = x_i + \sum_{j=0}^{k-1} \Big(\int_{\sigma_i}^{\sigma_{i+1}} \ell_j(\tau)\,d\tau\Big)\, d_{i-j}`,
    },
  ],
  defaults: { order: 4 },
  stochastic: () => false,
  nfePerStep: () => 1,
  create(ctx, grid, p) {
    const sigmas = checkGrid(grid, 'lms');
    if (!Number.isInteger(p.order) || p.order < 1 || p.order > 4)
      throw new Error(`lms: order must be 1..4, got ${p.order}`);
    type T = ReturnType<typeof ctx.denoise>;
    const ds: T[] = [];
    const guard = stepOrderGuard(sigmas, 'lms');
    return {
      step(x, i) {
        guard(i);
        const denoised = ctx.denoise(x, sigmas[i]);
        const d = toD(ctx.ops, x, sigmas[i], denoised);
        ds.push(d);
        if (ds.length > p.order) ds.shift();
        const curOrder = Math.min(i + 1, p.order);
        const terms: [number, T][] = [[1, x]];
        for (let j = 0; j < curOrder; j++)
          terms.push([linearMultistepCoeff(curOrder, sigmas, i, j), ds[ds.length - 1 - j]]);
        return { x: ctx.ops.lincomb(terms), x0: denoised, derivative: d, nfe: 1 };
      },
      history: () => [...ds],
    };
  },
};
