import type { ArrayOps } from '../ops';
import type { Denoiser } from '../samplers/types';

/**
 * EDM preconditioning (Karras et al. 2022, Table 1, "Ours"; derivation in Appendix B.6):
 * D(x, σ) = c_skip(σ)·x + c_out(σ)·F(c_in(σ)·x, c_noise(σ)), chosen so that the network's
 * input and training target have unit variance when the data have std σ_data.
 */
export interface EdmCoefficients {
  cSkip: number;
  cOut: number;
  cIn: number;
  cNoise: number;
}

/** σ_data = 0.5 is EDM's value for images scaled to [−1, 1]. */
export const EDM_SIGMA_DATA = 0.5;

export function edmCoefficients(sigma: number, sigmaData = EDM_SIGMA_DATA): EdmCoefficients {
  const total = sigma * sigma + sigmaData * sigmaData;
  return {
    cSkip: (sigmaData * sigmaData) / total,
    cOut: (sigma * sigmaData) / Math.sqrt(total),
    cIn: 1 / Math.sqrt(total),
    cNoise: Math.log(sigma) / 4,
  };
}

/** A raw EDM network F(c_in·x, c_noise). */
export type EdmNetwork<T> = (xIn: T, cNoise: number) => T;

export function edmDenoiser<T>(
  ops: ArrayOps<T>,
  network: EdmNetwork<T>,
  sigmaData = EDM_SIGMA_DATA,
): Denoiser<T> {
  return (x, sigma) => {
    const { cSkip, cOut, cIn, cNoise } = edmCoefficients(sigma, sigmaData);
    return ops.lincomb([
      [cSkip, x],
      [cOut, network(ops.lincomb([[cIn, x]]), cNoise)],
    ]);
  };
}
