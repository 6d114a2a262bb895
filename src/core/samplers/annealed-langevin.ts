import { noiseKey } from '../rng';
import { checkGrid, statelessRun } from './common';
import type { SamplerDef } from './types';

export type AnnealedLangevinParams = { stepsPerLevel: number; epsRatio: number };

/**
 * Annealed Langevin dynamics (Song & Ermon 2019, NCSN, Algorithm 1). Step i runs T Langevin
 * updates at the level σ_{i+1}: x ← x + (α/2)·∇log p_σ(x) + sqrt(α)·z, with
 * α_i = ε·σ_i²/σ_L² and ∇log p_σ(x) = (D(x, σ) − x)/σ². The step size is set by ε/σ_L²
 * (σ_L = the smallest positive grid σ), which makes it independent of the grid's range;
 * NCSN's ε = 2·10⁻⁵ at σ_L = 0.01 is ε/σ_L² = 0.2. T ≤ 8 because each step owns eight
 * noise streams; use more grid levels for longer chains. The step to σ = 0 returns the
 * denoised estimate D(x, σ_L) (the final denoising of Jolicoeur-Martineau et al. 2021).
 */
export const annealedLangevin: SamplerDef<AnnealedLangevinParams> = {
  id: 'annealed-langevin',
  name: 'Annealed Langevin (NCSN)',
  reference: 'Song & Ermon 2019, NCSN, Algorithm 1',
  params: [
    {
      key: 'stepsPerLevel',
      label: 'Steps per level T',
      kind: 'int',
      min: 1,
      max: 8,
      step: 1,
      tex: String.raw`\text{for } t = 1..T:\ x_t = x_{t-1} + \tfrac{\alpha_i}{2}\nabla_x \log p_{\sigma_i}(x_{t-1}) + \sqrt{\alpha_i}\, z_t`,
    },
    {
      key: 'epsRatio',
      label: 'ε / σ_L²',
      kind: 'number',
      min: 0.001,
      max: 2,
      step: 0.001,
      tex: String.raw`\alpha_i = \epsilon \cdot \sigma_i^2 / \sigma_L^2`,
    },
  ],
  defaults: { stepsPerLevel: 4, epsRatio: 0.2 },
  stochastic: () => true,
  nfePerStep: (p) => p.stepsPerLevel,
  create(ctx, grid, p) {
    const sigmas = checkGrid(grid, 'annealed-langevin');
    const T = p.stepsPerLevel;
    if (!Number.isInteger(T) || T < 1 || T > 8)
      throw new Error(`annealed-langevin: stepsPerLevel must be 1..8, got ${T}`);
    if (!(p.epsRatio > 0)) throw new Error(`annealed-langevin: epsRatio must be > 0`);
    return statelessRun(sigmas, 'annealed-langevin', (x, i) => {
      const sigma = sigmas[i + 1];
      if (sigma === 0) {
        const denoised = ctx.denoise(x, sigmas[i]);
        return { x: denoised, x0: denoised, nfe: 1 };
      }
      const alpha = p.epsRatio * sigma * sigma;
      let state = x;
      let denoised = x;
      for (let t = 0; t < T; t++) {
        denoised = ctx.denoise(state, sigma);
        // x + (α/2)(D − x)/σ² + sqrt(α) z
        const c = alpha / (2 * sigma * sigma);
        state = ctx.ops.lincomb([
          [1 - c, state],
          [c, denoised],
          [Math.sqrt(alpha), ctx.noise(noiseKey(i, t))],
        ]);
      }
      return { x: state, x0: denoised, nfe: T };
    });
  },
};
