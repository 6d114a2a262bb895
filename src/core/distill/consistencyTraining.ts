import type { Denoiser } from '../samplers/types';
import { denoisePerRow } from './levels';

/**
 * Consistency distillation and consistency training (Song et al. 2023, Algorithms 2 and 3) in
 * k-diffusion coordinates, as training/distill_math.py. The model is f(x, σ) = c_skip·x + c_out·F
 * (core/denoisers/consistency.ts); the loss is d(f_θ(x_{n+1}, σ_{n+1}), f_θ⁻(x̂_n, σ_n)) with
 * d the squared L2 distance and θ⁻ the EMA of θ (the target network).
 */

/** Karras et al. 2022, eq. 5: `count` levels from σ_min up to σ_max, ascending (their t_1 < … < t_N). */
export function karrasLevels(count: number, sigmaMin: number, sigmaMax: number, rho = 7): number[] {
  if (!Number.isInteger(count) || count < 2)
    throw new Error(`consistency levels: need a whole number ≥ 2, got ${count}`);
  if (!(sigmaMin > 0 && sigmaMax > sigmaMin))
    throw new Error(`consistency levels: need 0 < σ_min < σ_max, got ${sigmaMin}, ${sigmaMax}`);
  const [a, b] = [sigmaMin ** (1 / rho), sigmaMax ** (1 / rho)];
  return Array.from({ length: count }, (_, i) => (a + (i / (count - 1)) * (b - a)) ** rho);
}

/** Heun's step of dx/dσ = (x − D(x, σ))/σ from σ to σ' > 0 per row (Karras et al. 2022, Algorithm 1). */
export function heunRows(
  teacher: Denoiser<Float64Array>,
  x: Float64Array,
  sigma: Float64Array,
  sigmaNext: Float64Array,
): Float64Array {
  const d0 = denoisePerRow(teacher, x, sigma);
  const slope = (y: Float64Array, d: Float64Array, s: Float64Array, j: number) =>
    (y[j] - d[j]) / s[j >> 1];
  const euler = x.map((v, j) => v + (sigmaNext[j >> 1] - sigma[j >> 1]) * slope(x, d0, sigma, j));
  const d1 = denoisePerRow(teacher, euler, sigmaNext);
  return x.map((v, j) => {
    const h = sigmaNext[j >> 1] - sigma[j >> 1];
    return v + (h * (slope(x, d0, sigma, j) + slope(euler, d1, sigmaNext, j))) / 2;
  });
}

/** The pair of one row of a consistency batch: the online model's input and the target's. */
export interface ConsistencyPair {
  /** x_{n+1} = x0 + σ_{n+1}·z, flat [n, 2]. */
  x: Float64Array;
  sigma: Float64Array;
  /** x̂_n: the teacher's Heun step to σ_n (distillation) or x0 + σ_n·z (training). */
  xTarget: Float64Array;
  sigmaTarget: Float64Array;
}

/**
 * Algorithm 2 (teacher given: consistency distillation, Φ = Heun) or Algorithm 3 (teacher null:
 * consistency training, the same z at both levels). Row i draws n_i ∈ [0, levels − 2].
 */
export function consistencyPair(
  teacher: Denoiser<Float64Array> | null,
  levels: readonly number[],
  x0: Float64Array,
  z: Float64Array,
  level: ArrayLike<number>,
): ConsistencyPair {
  const pick = (offset: number) =>
    Float64Array.from(level, (n) => {
      if (!(n >= 0 && n < levels.length - 1))
        throw new Error(`level ${n} is outside 0..${levels.length - 2}`);
      return levels[n + offset];
    });
  const sigma = pick(1);
  const sigmaTarget = pick(0);
  const x = x0.map((v, j) => v + sigma[j >> 1] * z[j]);
  const xTarget = teacher
    ? heunRows(teacher, x, sigma, sigmaTarget)
    : x0.map((v, j) => v + sigmaTarget[j >> 1] * z[j]);
  return { x, sigma, xTarget, sigmaTarget };
}
