import { ADAMS_BASHFORTH, checkGrid, stepOrderGuard, toD } from './common';
import type { SamplerDef } from './types';

export type IpndmParams = { maxOrder: number };

/**
 * Improved PNDM (Zhang & Chen 2022, DEIS, §5 "iPNDM"; k-diffusion/ComfyUI `sample_ipndm`
 * after zju-pi/diff-sampler): Adams–Bashforth with the fixed equal-step coefficients on
 * dx/dσ, warming up with lower orders instead of Runge–Kutta steps. The step to σ = 0
 * returns the denoised estimate.
 */
export const ipndm: SamplerDef<IpndmParams> = {
  id: 'ipndm',
  name: 'iPNDM',
  reference: 'Zhang & Chen 2022, DEIS, iPNDM (eq. 26-27); k-diffusion sample_ipndm',
  params: [
    {
      key: 'maxOrder',
      label: 'Max order',
      kind: 'int',
      min: 1,
      max: 4,
      step: 1,
      tex: String.raw`x_{i+1} = x_i + (\sigma_{i+1}-\sigma_i)\,\tfrac{1}{24}\big(55 d_i - 59 d_{i-1} + 37 d_{i-2} - 9 d_{i-3}\big)`,
    },
  ],
  defaults: { maxOrder: 4 },
  stochastic: () => false,
  nfePerStep: () => 1,
  create(ctx, grid, p) {
    const sigmas = checkGrid(grid, 'ipndm');
    if (!Number.isInteger(p.maxOrder) || p.maxOrder < 1 || p.maxOrder > 4) {
      throw new Error(`ipndm: maxOrder must be 1..4, got ${p.maxOrder}`);
    }
    type T = ReturnType<typeof ctx.denoise>;
    const buffer: T[] = [];
    const guard = stepOrderGuard(sigmas, 'ipndm');
    return {
      step(x, i) {
        guard(i);
        const denoised = ctx.denoise(x, sigmas[i]);
        const d = toD(ctx.ops, x, sigmas[i], denoised);
        const order = Math.min(p.maxOrder, i + 1);
        let next: T;
        if (sigmas[i + 1] === 0) {
          next = denoised;
        } else {
          const dt = sigmas[i + 1] - sigmas[i];
          const coeffs = ADAMS_BASHFORTH[order - 1];
          const terms: [number, T][] = [
            [1, x],
            [dt * coeffs[0], d],
          ];
          for (let j = 1; j < order; j++) terms.push([dt * coeffs[j], buffer[buffer.length - j]]);
          next = ctx.ops.lincomb(terms);
        }
        buffer.push(d);
        if (buffer.length > p.maxOrder - 1) buffer.shift();
        return { x: next, x0: denoised, derivative: d, nfe: 1 };
      },
      history: () => [...buffer],
    };
  },
};
