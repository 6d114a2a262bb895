import type { SamplerParams } from '../samplers/types';
import { requireSampler } from '../samplers/registry';

export interface TheoryOrder {
  /** Global order p of the endpoint error, error ≈ C·NFE^(−p), as the step count grows. */
  order: number;
  why: string;
}

/**
 * True when the positive part of a σ grid is evenly spaced (to 1e-9 relative): the grids
 * on which fixed equal-step multistep coefficients (PLMS, iPNDM) keep their full order.
 */
export function isUniformSigmaGrid(sigmas: readonly number[]): boolean {
  const positive = sigmas.filter((s) => s > 0);
  if (positive.length < 3) return true;
  const h = positive[0] - positive[1];
  return positive.every((s, i) => i === 0 || Math.abs(positive[i - 1] - s - h) <= 1e-9 * h);
}

/**
 * The order theory predicts for a deterministic sampler on the probability-flow ODE; null
 * for stochastic settings (their endpoint differs from the ODE's by noise, not by a power
 * of the step). Fixed equal-step Adams–Bashforth coefficients (PLMS, iPNDM) on a smooth
 * non-uniform grid σ_i = g(i/N): the step uses (σ_{i+1} − σ_i)·Σ b_j f_{i−j} where the
 * uniform-in-u method would use Δu·Σ b_j g′(u_{i−j}) f_{i−j}; since Σ_j b_j·j = −½ for every
 * AB order, the mismatch is O(Δu²) per step, so the global order drops to 2 (measured on
 * this project's benchmark: 1.97 on ρ = 7, 3.87 on a uniform σ grid; convergence.ts).
 */
export function theoreticalOrder(
  id: string,
  params: SamplerParams,
  sigmas: readonly number[],
): TheoryOrder | null {
  const def = requireSampler(id);
  const p = { ...def.defaults, ...params };
  if (def.stochastic(p)) return null;
  const uniform = isUniformSigmaGrid(sigmas);
  const equalStepAb = (): TheoryOrder =>
    uniform
      ? { order: 4, why: 'Adams–Bashforth 4 on a uniform σ grid' }
      : { order: 2, why: 'equal-step AB coefficients on a non-uniform grid (see theory.ts)' };
  switch (id) {
    case 'euler':
      return { order: 1, why: 'Euler' };
    case 'ddim':
      return { order: 1, why: 'DDIM η = 0 is Euler in σ' };
    case 'heun':
      return { order: 2, why: 'trapezoidal corrector (EDM Algorithm 2)' };
    case 'midpoint':
      return { order: 2, why: 'explicit midpoint (RK2)' };
    case 'dpm-solver':
      return { order: Number(p.order), why: `DPM-Solver-${p.order} (Lu et al. 2022)` };
    case 'dpmpp-2m':
    case 'dpmpp-2s':
    case 'dpmpp-sde':
      return { order: 2, why: 'DPM-Solver++ second order' };
    case 'unipc':
      return p.corrector
        ? { order: Number(p.order) + 1, why: `UniP-${p.order} + UniC raises the order by one` }
        : { order: Number(p.order), why: `UniP-${p.order} without corrector` };
    case 'deis':
      return { order: Number(p.order), why: `DEIS order ${p.order}` };
    case 'lms':
      return { order: 4, why: 'variable-step Adams–Bashforth 4' };
    case 'plms':
    case 'ipndm':
      return equalStepAb();
    default:
      return null;
  }
}
