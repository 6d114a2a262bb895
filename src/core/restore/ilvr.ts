import { ddpmCoefficients } from '../samplers/ddpm';
import { onSingulars } from './linear';
import { clipToRange, restoreRun, type RestoreSolver } from './solver';

/**
 * ILVR (Choi, Kim, Jeong, Gwon & Yoon 2021, "ILVR: Conditioning Method for Denoising Diffusion
 * Probabilistic Models", ICCV, Algorithm 1 / eq. 7): a DDPM ancestral step x′, then the low-pass
 * part of x′ is replaced by that of the reference noised to the new level,
 *   x_n = (I − φ)·x′ + φ·(x_ref + σ_n·ε),
 * with φ = A⁺A. For f×f average pooling φ is the paper's φ_N (downsample, then upsample by
 * repetition); for a pixel mask it keeps the observed pixels (RePaint without resampling). Only
 * y = A·x_ref is known, and φ·x_ref = A⁺y. The measurement noise is not modelled.
 */
export const ilvr: RestoreSolver = {
  id: 'ilvr',
  name: 'ILVR',
  reference: 'Choi et al. 2021, ILVR, Algorithm 1',
  operators: ['sr2', 'sr4', 'mask'],
  create(ctx, grid) {
    const { ops, op } = ctx;
    const ranged = onSingulars(op.spec, () => 1);
    return restoreRun(
      grid,
      'ILVR',
      (x, sc, sn, noise) => {
        const x0 = clipToRange(ctx, ctx.denoise(x, sc));
        const { cX, cX0, noiseStd } = ddpmCoefficients(sc, sn, 'beta-tilde');
        const stepTerms: [number, typeof x][] = [
          [cX, x],
          [cX0, x0],
        ];
        if (noiseStd > 0) stepTerms.push([noiseStd, noise(0)]);
        const moved = op.toSpectral(ops.lincomb(stepTerms));
        const yBar = ops.mul(
          op.spectral(onSingulars(op.spec, (s) => 1 / s)),
          op.measToSpectral(ctx.y),
        );
        const refTerms: [number, typeof x][] = [[1, yBar]];
        if (sn > 0) refTerms.push([sn, noise(1)]);
        const next = ops.lincomb([
          [1, ops.mul(op.spectral(ranged.map((v) => 1 - v)), moved)],
          [1, ops.mul(op.spectral(ranged), ops.lincomb(refTerms))],
        ]);
        return { x: op.fromSpectral(next), x0, nfe: 1 };
      },
      ctx,
    );
  },
};
