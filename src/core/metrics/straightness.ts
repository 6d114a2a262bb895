import type { Process } from '../schedules/process';

/**
 * Straightness of sampling trajectories: polygonal path length over end-to-end distance,
 * per particle (1 for a straight monotone path, π/2 for a half circle, larger for paths that
 * curve or double back). `frames[k]` is the state after k steps, n particles × dim, flat.
 * A particle that ends where it started has infinite straightness.
 */
export interface Straightness {
  perParticle: Float64Array;
  /** Mean over the particles. */
  mean: number;
  /** Median over the particles (finite unless half of them return to their start). */
  median: number;
}

export function straightness(frames: readonly Float64Array[], dim: number): Straightness {
  if (frames.length < 2)
    throw new Error(`straightness: need at least two frames, got ${frames.length}`);
  if (!Number.isInteger(dim) || dim < 1)
    throw new Error(`straightness: dim must be a positive integer, got ${dim}`);
  const size = frames[0].length;
  if (size % dim !== 0)
    throw new Error(`straightness: frame length ${size} is not a multiple of dim ${dim}`);
  for (const f of frames)
    if (f.length !== size) throw new Error(`straightness: frames differ in length`);
  const n = size / dim;
  const first = frames[0];
  const last = frames[frames.length - 1];
  const perParticle = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    let length = 0;
    for (let k = 1; k < frames.length; k++)
      length += distance(frames[k - 1], frames[k], p * dim, dim);
    perParticle[p] = length / distance(first, last, p * dim, dim);
  }
  const sorted = Float64Array.from(perParticle).sort();
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { perParticle, mean: perParticle.reduce((a, b) => a + b, 0) / n, median };
}

function distance(a: Float64Array, b: Float64Array, offset: number, dim: number): number {
  let s = 0;
  for (let j = offset; j < offset + dim; j++) s += (a[j] - b[j]) ** 2;
  return Math.sqrt(s);
}

/**
 * Sampler states (k-diffusion coordinates x = x_t/s(t), one frame per grid σ) mapped to the
 * process's own coordinates x_t = s(t)·x, where paths of different processes from the same
 * noise can be compared. σ = 0 maps to s = 1.
 */
export function toProcessCoordinates(
  process: Process,
  sigmas: readonly number[],
  frames: readonly Float64Array[],
): Float64Array[] {
  if (frames.length !== sigmas.length) {
    throw new Error(`toProcessCoordinates: ${frames.length} frames for ${sigmas.length} sigmas`);
  }
  return frames.map((f, k) => {
    const s = sigmas[k] > 0 ? process.scale(process.tOfSigma(sigmas[k])) : 1;
    return f.map((v) => s * v);
  });
}
