/**
 * One exponential-integrator update of DPM-Solver, written once for the multistep and
 * singlestep schedulers. From a base point s (sample x) to t, with h = λ_t − λ_s and
 * finite-difference estimates D0 ≈ model output at s, D1 ≈ h·d/dλ, D2 ≈ h²·d²/dλ²:
 *
 *  - dpmsolver++ (data prediction; Lu et al. 2022, "DPM-Solver++", arXiv:2211.01095,
 *    Algorithm 1 (2S) and Algorithm 2 (2M)):
 *      x_t = (σ_t/σ_s) x + α_t (1 − e^{−h}) D0 + c1 D1 + c2 D2
 *  - dpmsolver (noise prediction; Lu et al. 2022, "DPM-Solver", arXiv:2206.00927,
 *    Algorithms 1-2 and the multistep form of its Appendix):
 *      x_t = (α_t/α_s) x − σ_t (e^{h} − 1) D0 + c1 D1 + c2 D2
 *  - sde-dpmsolver++ / sde-dpmsolver: the SDE solvers of the DPM-Solver++ paper
 *    (SDE-DPM-Solver-1, SDE-DPM-Solver++(2M)), which add σ_t √(1 − e^{−2h}) z,
 *    resp. σ_t √(e^{2h} − 1) z, for standard-normal z.
 *
 * c1 is the "midpoint" (½ of the D0 coefficient) or "heun" (exact φ₂ integral) weight;
 * c2 is the φ₃ weight of the third-order solvers (ODE algorithms only). Coefficients
 * are diffusers' (scheduling_dpmsolver_multistep.py), with expm1 for e^{±h} − 1.
 */
import { float64Ops } from '../ops';
import type { VpPoint } from './multistep-common';

export type DpmAlgorithm = 'dpmsolver++' | 'dpmsolver' | 'sde-dpmsolver++' | 'sde-dpmsolver';
export const DPM_ALGORITHMS: readonly DpmAlgorithm[] = [
  'dpmsolver++',
  'dpmsolver',
  'sde-dpmsolver++',
  'sde-dpmsolver',
];
export type DpmSolverType = 'midpoint' | 'heun';

/** DPM-Solver++ variants integrate the data prediction x̂0; the others integrate ε̂. */
export function predictsData(algorithm: DpmAlgorithm): boolean {
  return algorithm === 'dpmsolver++' || algorithm === 'sde-dpmsolver++';
}

export function isSde(algorithm: DpmAlgorithm): boolean {
  return algorithm === 'sde-dpmsolver++' || algorithm === 'sde-dpmsolver';
}

export interface DpmUpdateInput {
  algorithm: DpmAlgorithm;
  /** Weight given to D1: midpoint or heun. */
  solverType: DpmSolverType;
  sample: Float64Array;
  from: VpPoint;
  to: VpPoint;
  d0: Float64Array;
  d1?: Float64Array;
  d2?: Float64Array;
  /** Standard-normal noise, required by the SDE algorithms. */
  noise?: Float64Array | null;
}

interface Coefficients {
  x: number;
  d0: number;
  d1: number;
  d2: number;
  z: number;
}

function coefficients(
  a: DpmAlgorithm,
  type: DpmSolverType,
  s: VpPoint,
  t: VpPoint,
  h: number,
): Coefficients {
  const emh = Math.expm1(-h); // e^{−h} − 1
  const eph = Math.expm1(h); // e^{h} − 1
  switch (a) {
    case 'dpmsolver++':
      return {
        x: t.sigma / s.sigma,
        d0: -t.alpha * emh,
        d1: type === 'midpoint' ? -0.5 * t.alpha * emh : t.alpha * (emh / h + 1),
        d2: -t.alpha * ((emh + h) / (h * h) - 0.5),
        z: 0,
      };
    case 'dpmsolver':
      return {
        x: t.alpha / s.alpha,
        d0: -t.sigma * eph,
        d1: type === 'midpoint' ? -0.5 * t.sigma * eph : -t.sigma * (eph / h - 1),
        d2: -t.sigma * ((eph - h) / (h * h) - 0.5),
        z: 0,
      };
    case 'sde-dpmsolver++': {
      const em2h = -Math.expm1(-2 * h); // 1 − e^{−2h}
      return {
        x: (t.sigma / s.sigma) * Math.exp(-h),
        d0: t.alpha * em2h,
        d1: type === 'midpoint' ? 0.5 * t.alpha * em2h : t.alpha * (em2h / (-2 * h) + 1),
        d2: Number.NaN,
        z: t.sigma * Math.sqrt(em2h),
      };
    }
    case 'sde-dpmsolver':
      return {
        x: t.alpha / s.alpha,
        d0: -2 * t.sigma * eph,
        d1: type === 'midpoint' ? -t.sigma * eph : -2 * t.sigma * (eph / h - 1),
        d2: Number.NaN,
        z: t.sigma * Math.sqrt(Math.expm1(2 * h)),
      };
  }
}

export function dpmUpdate(u: DpmUpdateInput): Float64Array {
  const h = u.to.lambda - u.from.lambda;
  const c = coefficients(u.algorithm, u.solverType, u.from, u.to, h);
  const terms: Array<readonly [number, Float64Array]> = [
    [c.x, u.sample],
    [c.d0, u.d0],
  ];
  if (u.d1) terms.push([c.d1, u.d1]);
  if (u.d2) {
    if (isSde(u.algorithm)) throw new Error(`${u.algorithm} has no third-order update`);
    terms.push([c.d2, u.d2]);
  }
  if (isSde(u.algorithm)) {
    if (!u.noise) throw new Error(`${u.algorithm} needs standard-normal noise for every step`);
    terms.push([c.z, u.noise]);
  }
  return float64Ops.lincomb(terms);
}

/** (a − b)/r as a new array: the divided differences behind D1 and D2. */
export function divDiff(a: Float64Array, b: Float64Array, r: number): Float64Array {
  return float64Ops.lincomb([
    [1 / r, a],
    [-1 / r, b],
  ]);
}
