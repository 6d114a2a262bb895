import { alphaBarOfSigma } from '../samplers/common';
import { ddpmCoefficients } from '../samplers/ddpm';
import { clipToRange, needVjp, restoreRun, type RestoreSolver } from './solver';

/**
 * DPS (Chung, Kim, Mccann, Klasky & Ye 2023, "Diffusion Posterior Sampling for General Noisy
 * Inverse Problems", ICLR, Algorithm 1 with the reference code's step ζ/‖y − A(x̂0)‖): a DDPM
 * ancestral step x′ from x̂0 = D(x, σ_c), then
 *   z_n = z′_n − ζ·∇_{z_c} ‖y − A(x̂0(z_c))‖   (VP coordinates z = √ᾱ·x, per image),
 * which in k-diffusion coordinates is x_n = x′ − ζ·∇_x‖y − A(x̂0)‖ / (√ᾱ_c·√ᾱ_n), with
 * ∇_x‖r‖ = J_Dᵀ·Aᵀ(A x̂0 − y)/‖A x̂0 − y‖. One forward and one backward pass per step.
 */
export const dps: RestoreSolver = {
  id: 'dps',
  name: 'DPS',
  reference: 'Chung et al. 2023, DPS, Algorithm 1',
  operators: ['sr2', 'sr4', 'blur', 'mask', 'noise'],
  create(ctx, grid, p) {
    const { ops, op } = ctx;
    const vjp = needVjp(ctx, 'DPS');
    if (!(p.zeta >= 0)) throw new Error(`DPS: the step size ζ must be ≥ 0, got ${p.zeta}`);
    return restoreRun(
      grid,
      'DPS',
      (x, sc, sn, noise) => {
        const { x0, vjp: grad } = vjp(x, sc, (d) => {
          const r = ops.lincomb([
            [1, op.apply(d)],
            [-1, ctx.y],
          ]);
          return ops.perCellNormalise(op.adjoint(r), r);
        });
        const { cX, cX0, noiseStd } = ddpmCoefficients(sc, sn, 'beta-tilde');
        const scale = p.zeta / Math.sqrt(alphaBarOfSigma(sc) * alphaBarOfSigma(sn));
        const terms: [number, typeof x][] = [
          [cX, x],
          [cX0, clipToRange(ctx, x0)],
          [-scale, grad],
        ];
        if (noiseStd > 0) terms.push([noiseStd, noise(0)]);
        return { x: ops.lincomb(terms), x0, nfe: 1 };
      },
      ctx,
    );
  },
};
