import type { Denoiser } from '../samplers/types';
import { denoisePerRow, lerpRows } from './levels';

/**
 * Progressive distillation (Salimans & Ho 2022, Algorithm 2) in k-diffusion coordinates
 * x = x0 + σε (a VP state is z_t = x/sqrt(1 + σ²)); the same math as training/distill_math.py.
 */

/**
 * The N-step grid of a student on a schedule with times [0, tMax]: σ(tMax·(N − i)/N) for
 * i < N, then 0. Halving N keeps every other level, so the N-step grid lies in the 2N-step one.
 */
export function uniformTGrid(sigmaOfT: (t: number) => number, tMax: number, steps: number) {
  if (!Number.isInteger(steps) || steps < 1)
    throw new Error(`a student grid needs a whole number of steps ≥ 1, got ${steps}`);
  const sigmas = Array.from({ length: steps }, (_, i) => sigmaOfT((tMax * (steps - i)) / steps));
  return [...sigmas, 0];
}

/**
 * DDIM with η = 0 (Song et al. 2021, eq. 12) divided by sqrt(ᾱ'): x' = x̂ + (σ'/σ)(x − x̂),
 * row by row (σ and σ' per row).
 */
export function ddimRows(
  x: Float64Array,
  x0: Float64Array,
  sigma: ArrayLike<number>,
  sigmaNext: ArrayLike<number>,
): Float64Array {
  const r = Float64Array.from(sigma, (s, i) => sigmaNext[i] / s);
  return lerpRows(x0, x, r);
}

/** One training batch of a round: the student's inputs, the teacher's x-target and its weight. */
export interface DistillBatch {
  /** The student's input in k-diffusion coordinates, flat [n, 2]. */
  x: Float64Array;
  /** σ per row (a level of the student's grid, never 0). */
  sigma: Float64Array;
  /** x̃ (Algorithm 2): the x0 estimate whose one DDIM step lands where the teacher's two do. */
  target: Float64Array;
  /** Salimans & Ho's "truncated SNR" weight max(SNR, 1) = max(1/σ², 1) on the x-space error. */
  weight: Float64Array;
}

/**
 * Algorithm 2's batch: row i draws level k_i of the student's grid (σ = grid[k], σ'' =
 * grid[k + 1]) and the teacher's midpoint σ' = teacherGrid[2k + 1]; z = x0 + σε; the teacher
 * takes two DDIM steps σ → σ' → σ'' to x''; the target is
 *   x̃ = (x'' − (σ''/σ)·x) / (1 − σ''/σ),
 * the paper's (z'' − (σ_t''/σ_t)z_t) / (α_t'' − (σ_t''/σ_t)α_t) divided through by α (their σ_t/α_t
 * is our σ). teacherGrid has 2N + 1 levels and grid its even ones.
 */
export function progressiveBatch(
  teacher: Denoiser<Float64Array>,
  teacherGrid: readonly number[],
  x0: Float64Array,
  eps: Float64Array,
  level: ArrayLike<number>,
): DistillBatch {
  const steps = (teacherGrid.length - 1) / 2;
  if (!Number.isInteger(steps) || steps < 1)
    throw new Error(
      `progressive distillation: the teacher grid needs 2N + 1 levels, got ${teacherGrid.length}`,
    );
  const n = level.length;
  const at = (offset: number) =>
    Float64Array.from(level, (k) => {
      if (!(k >= 0 && k < steps)) throw new Error(`level ${k} is outside 0..${steps - 1}`);
      return teacherGrid[2 * k + offset];
    });
  const [sigma, sigmaMid, sigmaNext] = [at(0), at(1), at(2)];
  const x = lerpRows(
    x0,
    new Float64Array(x0.length).map((_, j) => x0[j] + eps[j]),
    sigma,
  );
  const xMid = ddimRows(x, denoisePerRow(teacher, x, sigma), sigma, sigmaMid);
  const xNext = ddimRows(xMid, denoisePerRow(teacher, xMid, sigmaMid), sigmaMid, sigmaNext);
  const target = new Float64Array(2 * n);
  for (let j = 0; j < 2 * n; j++) {
    const r = sigmaNext[j >> 1] / sigma[j >> 1];
    target[j] = (xNext[j] - r * x[j]) / (1 - r);
  }
  const weight = Float64Array.from(sigma, (s) => Math.max(1 / (s * s), 1));
  return { x, sigma, target, weight };
}
