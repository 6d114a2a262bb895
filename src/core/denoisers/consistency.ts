import type { ArrayOps } from '../ops';
import type { Denoiser } from '../samplers/types';
import type { Process } from '../schedules/process';
import type { RawModel } from './parameterisation';

/** A consistency model's boundary σ_min (f(x, σ_min) = x) and the data scale σ_data of its coefficients. */
export interface ConsistencyParams {
  sigmaMin: number;
  sigmaData: number;
}

/**
 * Song et al. 2023, Consistency Models, eq. 7 with the EDM coefficients of their Appendix C:
 *   f(x, σ) = c_skip(σ)·x + c_out(σ)·F(x, σ),
 *   c_skip = σ_data² / ((σ − σ_min)² + σ_data²),  c_out = (σ − σ_min)·σ_data / sqrt(σ_data² + σ²),
 * so that c_skip(σ_min) = 1 and c_out(σ_min) = 0: f(x, σ_min) = x for every network F.
 */
export function consistencyCoefficients(
  sigma: number,
  { sigmaMin, sigmaData }: ConsistencyParams,
): { cSkip: number; cOut: number } {
  const d2 = sigmaData * sigmaData;
  return {
    cSkip: d2 / ((sigma - sigmaMin) ** 2 + d2),
    cOut: ((sigma - sigmaMin) * sigmaData) / Math.sqrt(d2 + sigma * sigma),
  };
}

/**
 * A consistency network F on `process` (it sees the process's state x_t = s(t)·x at time
 * t = timeOfSigma(σ), as denoiserFromModel feeds networks) as a denoiser in k-diffusion
 * coordinates: D(x, σ) = f(x, σ), the model's estimate of the trajectory's origin.
 */
export function consistencyDenoiser<T>(
  ops: ArrayOps<T>,
  process: Process,
  model: RawModel<T>,
  params: ConsistencyParams,
  timeOfSigma: (sigma: number) => number = (sigma) => process.tOfSigma(sigma),
): Denoiser<T> {
  if (!(params.sigmaMin >= 0 && params.sigmaData > 0))
    throw new Error(
      `consistency model: need σ_min ≥ 0 and σ_data > 0, got ${params.sigmaMin} and ${params.sigmaData}`,
    );
  return (x, sigma) => {
    const s = process.scale(process.tOfSigma(sigma));
    const { cSkip, cOut } = consistencyCoefficients(sigma, params);
    return ops.lincomb([
      [cSkip, x],
      [cOut, model(ops.lincomb([[s, x]]), timeOfSigma(sigma))],
    ]);
  };
}
