import { normals, uniformAt } from '../rng';

/**
 * Data sets draw from their own counter-based streams, far from the sampler keys
 * (0 = x_T, 1 + 8·step + sub), so a data seed equal to a sampling seed never reuses
 * the sampler's noise.
 */
const DATA_STREAM_BASE = 0x0da7a000;

/** n uniforms in (0, 1) from data stream `stream` under `seed`. */
export function uniforms(seed: number, stream: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = uniformAt(seed, DATA_STREAM_BASE + stream, i);
  return out;
}

/** n standard normals from data stream `stream` under `seed`. */
export function gaussians(seed: number, stream: number, n: number): Float64Array {
  return normals(seed, DATA_STREAM_BASE + stream, n);
}

/** In place: (x − cx, y − cy) / scale for every point; returns `points`. */
export function standardise(
  points: Float64Array,
  cx: number,
  cy: number,
  scale: number,
): Float64Array {
  for (let i = 0; i < points.length; i += 2) {
    points[i] = (points[i] - cx) / scale;
    points[i + 1] = (points[i + 1] - cy) / scale;
  }
  return points;
}

export function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`sample count must be a non-negative integer, got ${n}`);
}
