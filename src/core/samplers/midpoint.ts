import { processVelocity } from '../denoisers/velocity';
import { checkGrid, statelessRun, toD } from './common';
import type { SamplerDef, SamplerContext, SamplingGrid, StepResult } from './types';

export type MidpointParams = { coordinates: string };

/**
 * Explicit midpoint method (RK2; Runge 1895; Hairer, Nørsett & Wanner, Solving ODEs I, §II.1):
 * y_{n+1} = y_n + h·F(y_n + ½h·F(y_n, t_n), t_n + ½h), order 2, two evaluations per step.
 *  - coordinates 'sigma': on the probability-flow ODE dx/dσ = (x − D(x, σ))/σ in k-diffusion
 *    coordinates, with the node at the arithmetic midpoint of σ_i and σ_{i+1}.
 *  - coordinates 'process': on the grid process's own PF-ODE dx_t/dt = f·x_t − ½g²·∇log p_t
 *    (Song et al. 2021, eq. 13), midpoint in its time t. On the flow process this is the
 *    rectified-flow midpoint step x + h·v(x + ½h·v(x, t), t + ½h) (Liu et al. 2023).
 */
export const midpoint: SamplerDef<MidpointParams> = {
  id: 'midpoint',
  name: 'Explicit midpoint (RK2)',
  reference: 'Runge 1895, explicit midpoint; Hairer–Nørsett–Wanner, Solving ODEs I, §II.1',
  params: [
    {
      key: 'coordinates',
      label: 'integrate in',
      kind: 'choice',
      choices: ['sigma', 'process'],
      tex: String.raw`\text{sigma: } \tfrac{dx}{d\sigma} = \tfrac{x - D(x,\sigma)}{\sigma};\quad \text{process: } \tfrac{dx_t}{dt} = f(t)\,x_t - \tfrac12 g(t)^2\,\nabla\log p_t(x_t)`,
    },
  ],
  defaults: { coordinates: 'sigma' },
  stochastic: () => false,
  nfePerStep: () => 2,
  create(ctx, grid, p) {
    const sigmas = checkGrid(grid, 'midpoint');
    if (p.coordinates === 'sigma')
      return statelessRun(sigmas, 'midpoint', (x, i) => sigmaStep(ctx, sigmas, x, i));
    if (p.coordinates === 'process') return processRun(ctx, grid, sigmas);
    throw new Error(`midpoint: coordinates must be "sigma" or "process", got "${p.coordinates}"`);
  },
};

function sigmaStep<T>(
  ctx: SamplerContext<T>,
  sigmas: readonly number[],
  x: T,
  i: number,
): StepResult<T> {
  const { ops } = ctx;
  const h = sigmas[i + 1] - sigmas[i];
  const sigmaMid = sigmas[i] + 0.5 * h;
  const denoised = ctx.denoise(x, sigmas[i]);
  const xMid = ops.lincomb([
    [1, x],
    [0.5 * h, toD(ops, x, sigmas[i], denoised)],
  ]);
  const denoisedMid = ctx.denoise(xMid, sigmaMid);
  const dMid = toD(ops, xMid, sigmaMid, denoisedMid);
  const next = ops.lincomb([
    [1, x],
    [h, dMid],
  ]);
  return { x: next, x0: denoisedMid, derivative: dMid, nfe: 2 };
}

/** Midpoint in the process's (x_t, t); states enter and leave in k-diffusion coordinates x = x_t/s(t). */
function processRun<T>(ctx: SamplerContext<T>, grid: SamplingGrid, sigmas: readonly number[]) {
  const process = grid.process;
  if (!process) throw new Error('midpoint: coordinates "process" needs a grid with a process');
  const times = sigmas.map((s) => process.tOfSigma(s));
  const bad = times.findIndex((t) => !Number.isFinite(t));
  if (bad >= 0)
    throw new Error(
      `midpoint: σ = ${sigmas[bad]} has no finite time on process "${process.id}"; use coordinates "sigma"`,
    );
  const { ops } = ctx;
  const scale = (t: number, x: T) => ops.lincomb([[process.scale(t), x]]);
  return statelessRun(sigmas, 'midpoint', (x, i): StepResult<T> => {
    const t = times[i];
    const h = times[i + 1] - t;
    const tMid = t + 0.5 * h;
    const xt = scale(t, x);
    const denoised = ctx.denoise(x, sigmas[i]);
    const xtMid = ops.lincomb([
      [1, xt],
      [0.5 * h, processVelocity(ops, process, t, xt, denoised)],
    ]);
    const sMid = process.scale(tMid);
    const denoisedMid = ctx.denoise(ops.lincomb([[1 / sMid, xtMid]]), process.sigma(tMid));
    const vMid = processVelocity(ops, process, tMid, xtMid, denoisedMid);
    const xtNext = ops.lincomb([
      [1, xt],
      [h, vMid],
    ]);
    return { x: ops.lincomb([[1 / process.scale(times[i + 1]), xtNext]]), x0: denoisedMid, nfe: 2 };
  });
}
