import type { SamplingGrid } from '../samplers/types';
import type { Process } from './process';

/**
 * Rectified flow / flow matching (Liu et al. 2023; Lipman et al. 2023; Esser et al. 2024,
 * SD3): the linear interpolant x_τ = (1 − τ)·x0 + τ·ε, τ ∈ [0, 1], data at τ = 0 and pure
 * noise at τ = 1. In the EDM form x = s(x0 + σε): s = 1 − τ and σ = τ/(1 − τ), so τ = σ/(1 + σ).
 *
 * With a time shift α (SD3 §5.3.2, Flux; diffusers FlowMatchEulerDiscreteScheduler's `shift`)
 * the process time u maps to the interpolation time τ(u) = α·u/(1 + (α − 1)·u). Then
 *   s(u) = 1 − τ(u) = (1 − u)/(1 + (α − 1)u),   σ(u) = α·u/(1 − u)   (σ scaled by α, logSNR by −2 log α),
 *   u(σ) = σ/(α + σ),
 *   f(u) = d log s/du = −1/(1 − u) − (α − 1)/(1 + (α − 1)u),
 *   g²(u) = s²·dσ²/du = 2α²u/((1 − u)(1 + (α − 1)u)²).
 * α = 1 gives f = −1/(1 − t) and g² = 2t/(1 − t). σ is infinite at u = 1, so samplers start
 * at tMax < 1 (k-diffusion coordinates x = x_τ/(1 − τ) need a finite σ).
 */
export interface FlowOptions {
  /** Time shift α > 0 (SD3 uses 3; 1 is plain rectified flow). */
  shift?: number;
  /** Where sampling stops (default 1e-3, σ ≈ 1e-3·α). */
  tMin?: number;
  /** Where sampling starts (default 1 − 1e-3, σ ≈ 999·α). */
  tMax?: number;
}

/** The SD3 / Flux time shift τ = α·t/(1 + (α − 1)·t): a monotone map of [0, 1] onto itself. */
export function shiftTime(t: number, shift: number): number {
  return (shift * t) / (1 + (shift - 1) * t);
}

/** The interpolation time τ = σ/(1 + σ) of a k-diffusion noise level (what a flow network is conditioned on). */
export function flowTimeOfSigma(sigma: number): number {
  return sigma / (1 + sigma);
}

function checkOptions(options: FlowOptions): Required<FlowOptions> {
  const shift = options.shift ?? 1;
  const tMin = options.tMin ?? 1e-3;
  const tMax = options.tMax ?? 1 - 1e-3;
  if (!(shift > 0 && Number.isFinite(shift)))
    throw new Error(`flowProcess: shift must be > 0, got ${shift}`);
  if (!(tMin >= 0 && tMin < tMax && tMax < 1)) {
    throw new Error(`flowProcess: need 0 ≤ tMin < tMax < 1, got tMin = ${tMin}, tMax = ${tMax}`);
  }
  return { shift, tMin, tMax };
}

/** The rectified-flow process, optionally time-shifted, as a Process (closed forms above). */
export function flowProcess(options: FlowOptions = {}): Process {
  const { shift, tMin, tMax } = checkOptions(options);
  const k = shift - 1;
  return {
    id: 'flow',
    tMin,
    tMax,
    scale: (u) => (1 - u) / (1 + k * u),
    sigma: (u) => (shift * u) / (1 - u),
    tOfSigma: (sigma) => sigma / (shift + sigma),
    f: (u) => -1 / (1 - u) - k / (1 + k * u),
    g2: (u) => (2 * shift * shift * u) / ((1 - u) * (1 + k * u) ** 2),
  };
}

/**
 * The shift as a grid option instead: N process times spaced uniformly from tMax down to tMin
 * on the unshifted flow, each moved by shiftTime, then σ = 0 (diffusers
 * FlowMatchEulerDiscreteScheduler.set_timesteps, with σ = τ/(1 − τ) in place of its τ).
 * Equals makeSigmaGrid(flowProcess({ shift }), 'time-uniform', n) up to rounding.
 */
export function shiftedFlowGrid(
  n: number,
  shift: number,
  options: Omit<FlowOptions, 'shift'> = {},
): SamplingGrid {
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`shiftedFlowGrid: n must be a positive integer, got ${n}`);
  const process = flowProcess(options);
  const times = Array.from({ length: n }, (_, i) =>
    n === 1 ? process.tMax : process.tMax + ((process.tMin - process.tMax) * i) / (n - 1),
  );
  return { sigmas: [...times.map((t) => process.sigma(shiftTime(t, shift))), 0], process };
}
