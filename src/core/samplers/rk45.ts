import { checkGrid, statelessRun, toD } from './common';
import type { SamplerDef } from './types';

export type Rk45Params = { rtol: number; atol: number };

// Dormand & Prince 1980, RK5(4)7M tableau (also scipy RK45, torchdiffeq dopri5).
const C = [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1];
const A: readonly (readonly number[])[] = [
  [],
  [1 / 5],
  [3 / 40, 9 / 40],
  [44 / 45, -56 / 15, 32 / 9],
  [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
  [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
  [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
];
// 5th-order weights are A[6] (first same as last); E = b5 − b4 estimates the local error.
const E = [71 / 57600, 0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40];
const MAX_ATTEMPTS = 10_000;

/**
 * Adaptive Dormand–Prince RK45 on the probability-flow ODE dx/dσ = (x − D)/σ between
 * consecutive grid σ's, with the usual controller h ← h·clamp(0.9·err^(−1/5), 0.2, 5) on the
 * RMS error scaled by atol + rtol·max(|x|, |x_new|). The first trial step spans the whole
 * interval. Reports the evaluations it really spent. The step to σ = 0 (where the ODE is
 * singular) is an Euler step onto D(x, σ_i), as in EDM Algorithm 2.
 */
export const rk45: SamplerDef<Rk45Params> = {
  id: 'rk45',
  name: 'RK45 (adaptive Dormand–Prince)',
  reference:
    'Dormand & Prince 1980, RK5(4)7M; Song et al. 2021 score-SDE probability-flow ODE with RK45',
  params: [
    {
      key: 'rtol',
      label: 'rtol',
      kind: 'number',
      min: 1e-8,
      max: 1e-1,
      step: 1e-8,
      tex: String.raw`\Big\|\tfrac{\hat e}{\text{atol} + \text{rtol}\,\max(|x|,|x_{\text{new}}|)}\Big\|_{\text{RMS}} \le 1`,
    },
    {
      key: 'atol',
      label: 'atol',
      kind: 'number',
      min: 1e-8,
      max: 1e-1,
      step: 1e-8,
      tex: String.raw`\Big\|\tfrac{\hat e}{\text{atol} + \text{rtol}\,\max(|x|,|x_{\text{new}}|)}\Big\|_{\text{RMS}} \le 1`,
    },
  ],
  defaults: { rtol: 1e-3, atol: 1e-3 },
  stochastic: () => false,
  // Nominal: one accepted Dormand–Prince step (first evaluation + 6 stages); actual NFE varies.
  nfePerStep: () => 7,
  create(ctx, grid, p) {
    const sigmas = checkGrid(grid, 'rk45');
    if (!(p.rtol > 0 && p.atol > 0)) throw new Error(`rk45: rtol and atol must be > 0`);
    const { ops } = ctx;
    type T = ReturnType<typeof ctx.denoise>;
    const deriv = (x: T, sigma: number) => {
      const denoised = ctx.denoise(x, sigma);
      return { d: toD(ops, x, sigma, denoised), denoised };
    };
    return statelessRun(sigmas, 'rk45', (x0State, i) => {
      const first = deriv(x0State, sigmas[i]);
      if (sigmas[i + 1] === 0) {
        const x = ops.lincomb([
          [1, x0State],
          [-sigmas[i], first.d],
        ]);
        return { x, x0: first.denoised, derivative: first.d, nfe: 1 };
      }
      let nfe = 1;
      let x = x0State;
      let sigma = sigmas[i];
      let k1 = first.d;
      let lastDenoised = first.denoised;
      const target = sigmas[i + 1];
      let h = target - sigma;
      for (let attempt = 0; sigma !== target; attempt++) {
        if (attempt >= MAX_ATTEMPTS)
          throw new Error(`rk45: no convergence in ${MAX_ATTEMPTS} attempts at step ${i}`);
        const last = Math.abs(h) >= Math.abs(target - sigma);
        if (last) h = target - sigma;
        const k: T[] = [k1];
        let stageDenoised = lastDenoised;
        for (let s = 1; s < 7; s++) {
          const xs = ops.lincomb([
            [1, x] as [number, T],
            ...A[s].map((a, j) => [h * a, k[j]] as [number, T]),
          ]);
          const ev = deriv(xs, last && C[s] === 1 ? target : sigma + C[s] * h);
          k.push(ev.d);
          stageDenoised = ev.denoised;
        }
        nfe += 6;
        const xNew = ops.lincomb([
          [1, x] as [number, T],
          ...A[6].map((a, j) => [h * a, k[j]] as [number, T]),
        ]);
        const err = ops.lincomb(E.map((e, j) => [h * e, k[j]] as [number, T]));
        const errNorm = Math.sqrt(ops.errorNorm(err, x, xNew, p.atol, p.rtol));
        if (errNorm <= 1) {
          x = xNew;
          sigma = last ? target : sigma + h;
          k1 = k[6];
          lastDenoised = stageDenoised;
        }
        const factor = errNorm === 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * errNorm ** -0.2));
        h *= factor;
      }
      return { x, x0: lastDenoised, derivative: first.d, nfe };
    });
  },
};
