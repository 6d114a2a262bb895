import { ddimCoefficients } from '../samplers/ddim';
import { onSingulars } from './linear';
import { clipToRange, needVjp, restoreRun, type RestoreSolver } from './solver';

/**
 * ΠGDM (Song, Vahdat, Mardani & Kautz 2023, "Pseudoinverse-Guided Diffusion Models for Inverse
 * Problems", ICLR, eq. 5 and 7): p(x0 | x) ≈ N(x̂0, r²I) with r² = σ²/(1 + σ²) makes
 *   ∇_x log p(y | x) ≈ J_Dᵀ·Aᵀ(r²AAᵀ + σ_y²I)⁻¹(y − A x̂0)
 *                    = J_Dᵀ·V·diag(s_k/(r²s_k² + σ_y²))·Uᵀ(y − A x̂0),
 * exact when the prior is N(0, I). By Tweedie the guided denoiser is x̂0 + σ²·∇_x log p(y | x);
 * it replaces x̂0 in a DDIM(η) step (Algorithm 1 takes DDIM steps).
 */
export const pigdm: RestoreSolver = {
  id: 'pigdm',
  name: 'ΠGDM',
  reference: 'Song et al. 2023, ΠGDM, eq. 5 and 7, Algorithm 1',
  operators: ['sr2', 'sr4', 'blur', 'mask', 'noise'],
  create(ctx, grid, p) {
    const { ops, op, sigmaY } = ctx;
    const vjp = needVjp(ctx, 'ΠGDM');
    if (!(p.eta >= 0 && p.eta <= 1)) throw new Error(`ΠGDM: η must be in [0, 1], got ${p.eta}`);
    return restoreRun(
      grid,
      'ΠGDM',
      (x, sc, sn, noise) => {
        const r2 = sc ** 2 / (1 + sc ** 2);
        const weights = op.spectral(onSingulars(op.spec, (s) => s / (r2 * s * s + sigmaY ** 2)));
        const { x0, vjp: grad } = vjp(x, sc, (d) => {
          const residual = ops.lincomb([
            [1, ctx.y],
            [-1, op.apply(d)],
          ]);
          return op.fromSpectral(ops.mul(weights, op.measToSpectral(residual)));
        });
        const guided = clipToRange(
          ctx,
          ops.lincomb([
            [1, x0],
            [sc ** 2, grad],
          ]),
        );
        const { epsCoef, noiseStd } = ddimCoefficients(sc, sn, p.eta);
        const terms: [number, typeof x][] = [
          [1 - epsCoef / sc, guided],
          [epsCoef / sc, x],
        ];
        if (noiseStd > 0 && sn > 0) terms.push([noiseStd, noise(0)]);
        return { x: ops.lincomb(terms), x0: guided, nfe: 1 };
      },
      ctx,
    );
  },
};
