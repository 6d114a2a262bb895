import { clipToRange, restoreRun, type RestoreSolver } from './solver';

/**
 * DDRM (Kawar, Elad, Ermon & Song 2022, "Denoising Diffusion Restoration Models", NeurIPS,
 * eq. 7–8): in the spectral coordinates x̄ = Vᵀx of A = U·S·Vᵀ, with ȳ = S⁺Uᵀy, x̄_θ = Vᵀx̂0 and
 * a step σ_c → σ_n (k-diffusion coordinates, the paper's σ_t), per coordinate k:
 *   s_k = 0:              x̄ = x̄_θ + √(1−η²)·σ_n·(x̄_c − x̄_θ)/σ_c + η·σ_n·ε
 *   σ_n < σ_y/s_k:        x̄ = x̄_θ + √(1−η²)·σ_n·(ȳ − x̄_θ)/(σ_y/s_k) + η·σ_n·ε
 *   σ_n ≥ σ_y/s_k:        x̄ = (1−η_b)·x̄_θ + η_b·ȳ + √(σ_n² − η_b²σ_y²/s_k²)·ε
 * then x = V·x̄. Starts from the same x_T = σ_max·ε as every sampler (at σ_max ≫ |ȳ| the paper's
 * start, ȳ + noise, differs from it negligibly). One model evaluation per step, no gradients.
 */
export const ddrm: RestoreSolver = {
  id: 'ddrm',
  name: 'DDRM',
  reference: 'Kawar et al. 2022, DDRM, eq. 7–8',
  operators: ['sr2', 'sr4', 'blur', 'mask', 'noise'],
  create(ctx, grid, p) {
    const { ops, op, sigmaY } = ctx;
    if (!(p.eta >= 0 && p.eta <= 1) || !(p.etaB >= 0 && p.etaB <= 1))
      throw new Error(`DDRM: η and η_b must be in [0, 1], got ${p.eta}, ${p.etaB}`);
    const s = op.spec.singulars;
    return restoreRun(
      grid,
      'DDRM',
      (x, sc, sn, noise) => {
        const x0 = clipToRange(ctx, ctx.denoise(x, sc));
        const n = s.length;
        const [cTheta, cCur, cY, cEps] = [0, 1, 2, 3].map(() => new Float64Array(n));
        const keep = Math.sqrt(1 - p.eta ** 2) * sn;
        for (let k = 0; k < n; k++) {
          if (s[k] === 0) {
            cTheta[k] = 1 - keep / sc;
            cCur[k] = keep / sc;
            cEps[k] = p.eta * sn;
          } else if (sn * s[k] < sigmaY) {
            const level = sigmaY / s[k];
            cTheta[k] = 1 - keep / level;
            cY[k] = keep / level;
            cEps[k] = p.eta * sn;
          } else {
            cTheta[k] = 1 - p.etaB;
            cY[k] = p.etaB;
            cEps[k] = Math.sqrt(Math.max(0, sn ** 2 - (p.etaB * sigmaY) ** 2 / s[k] ** 2));
          }
        }
        const yBar = ops.mul(
          op.spectral(s.map((v) => (v > 0 ? 1 / v : 0))),
          op.measToSpectral(ctx.y),
        );
        const terms: [number, typeof x][] = [
          [1, ops.mul(op.spectral(cTheta), op.toSpectral(x0))],
          [1, ops.mul(op.spectral(cCur), op.toSpectral(x))],
          [1, ops.mul(op.spectral(cY), yBar)],
        ];
        if (sn > 0) terms.push([1, ops.mul(op.spectral(cEps), noise(0))]);
        return { x: op.fromSpectral(ops.lincomb(terms)), x0, nfe: 1 };
      },
      ctx,
    );
  },
};
