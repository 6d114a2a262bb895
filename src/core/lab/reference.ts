import { float64Ops } from '../ops';
import { rk45 } from '../samplers/rk45';
import type { Denoiser } from '../samplers/types';

export interface ReferenceTolerance {
  rtol: number;
  atol: number;
}

/** Tight enough that the reference's own error (~1e-6) stays far below what the sweep measures. */
export const DEFAULT_REFERENCE_TOLERANCE: ReferenceTolerance = { rtol: 1e-6, atol: 1e-6 };

export interface ReferenceEndpoint {
  /** D(x(σ_end), σ_end) per particle, flat n × dim. */
  x: Float64Array;
  /** The PF-ODE state at σ_end, before the final denoise. */
  xAtSigmaEnd: Float64Array;
  sigmaStart: number;
  sigmaEnd: number;
  tolerance: ReferenceTolerance;
  /** Model evaluations the adaptive solve spent. */
  nfe: number;
}

/**
 * The exact-model ground truth for deterministic samplers: each particle's probability-flow
 * ODE dx/dσ = (x − D(x, σ))/σ solved from σ_start (the grid's σ_max, where x_T starts) down
 * to σ_end by adaptive Dormand–Prince RK45 (the registry's rk45, one interval, so its
 * controller picks every step) at the given tolerance, then the final denoise
 * x ← D(x, σ_end). That last move is how every sampler here ends its grid: the step
 * σ_min → 0 is an Euler step onto D. With σ_end the process's smallest noise level, this is
 * the ODE flow map σ_max → 0 up to the O(σ_end²) error of that last denoise; a sampler grid
 * whose last positive σ is larger (few steps on a 'trailing' or 'leading' spacing) counts
 * the difference as its own error.
 */
export function referenceEndpoint(
  denoise: Denoiser<Float64Array>,
  xStart: Float64Array,
  sigmaStart: number,
  sigmaEnd: number,
  tolerance: ReferenceTolerance = DEFAULT_REFERENCE_TOLERANCE,
): ReferenceEndpoint {
  if (!(sigmaStart > sigmaEnd && sigmaEnd > 0)) {
    throw new Error(
      `referenceEndpoint: need σ_start > σ_end > 0, got ${sigmaStart} and ${sigmaEnd}`,
    );
  }
  let nfe = 0;
  const counted: Denoiser<Float64Array> = (x, sigma) => {
    nfe += 1;
    return denoise(x, sigma);
  };
  const run = rk45.create(
    {
      ops: float64Ops,
      denoise: counted,
      noise: () => {
        throw new Error('referenceEndpoint: the ODE draws no noise');
      },
    },
    { sigmas: [sigmaStart, sigmaEnd] },
    tolerance,
  );
  const xAtSigmaEnd = run.step(xStart, 0).x;
  const x = counted(xAtSigmaEnd, sigmaEnd);
  return { x, xAtSigmaEnd, sigmaStart, sigmaEnd, tolerance, nfe };
}
