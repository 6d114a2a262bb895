import { noiseKey } from '../rng';
import { checkGrid, statelessRun } from './common';
import type { SamplerDef } from './types';

export type EulerMaruyamaParams = Record<string, never>;

/**
 * Euler–Maruyama on the reverse-time SDE dx = [f(t)x − g(t)²∇log p_t(x)]dt + g(t)dW̄
 * (Song et al. 2021, score-SDE, eq. 6; score_sde `EulerMaruyamaPredictor`) of the grid's
 * Process, in the process's own coordinates x_t = s(t)·y, where y is the k-diffusion state
 * and ∇log p_t(x_t) = (D(y, σ) − y)/(s·σ²). Grid σ's map to times by process.tOfSigma; the
 * step to σ = 0 returns the denoised estimate (score_sde's final `x_mean` analogue).
 */
export const eulerMaruyama: SamplerDef<EulerMaruyamaParams> = {
  id: 'euler-maruyama',
  name: 'Euler–Maruyama (reverse SDE)',
  reference: 'Song et al. 2021, score-SDE, eq. 6 with Euler–Maruyama (App. D predictor)',
  params: [],
  defaults: {},
  stochastic: () => true,
  nfePerStep: () => 1,
  create(ctx, grid) {
    const sigmas = checkGrid(grid, 'euler-maruyama');
    const process = grid.process;
    if (!process)
      throw new Error('euler-maruyama: the grid has no process (VP, sub-VP, VE…) to integrate');
    const times = sigmas.map((s) => (s > 0 ? process.tOfSigma(s) : 0));
    return statelessRun(sigmas, 'euler-maruyama', (y, i) => {
      const sigma = sigmas[i];
      const denoised = ctx.denoise(y, sigma);
      if (sigmas[i + 1] === 0) return { x: denoised, x0: denoised, nfe: 1 };
      const t = times[i];
      const dt = times[i + 1] - t;
      const s = process.scale(t);
      const sNext = process.scale(times[i + 1]);
      const g2 = process.g2(t);
      // x_t' = s·y·(1 + f·dt) − g²·dt·(D − y)/(s σ²) + sqrt(g²|dt|)·z, then y' = x_t'/s'.
      const scoreCoef = (g2 * dt) / (s * sigma * sigma);
      const next = ctx.ops.lincomb([
        [(s * (1 + process.f(t) * dt) + scoreCoef) / sNext, y],
        [-scoreCoef / sNext, denoised],
        [Math.sqrt(g2 * Math.abs(dt)) / sNext, ctx.noise(noiseKey(i, 0))],
      ]);
      return { x: next, x0: denoised, nfe: 1 };
    });
  },
};
