import { normals } from '../rng';
import { pointCount } from './points';

/**
 * Exact W1 between two 1D empirical measures, W1 = ∫ |F_a(t) − F_b(t)| dt, by merging the
 * sorted samples. For equal sizes this is the mean of |a_(i) − b_(i)| over order statistics.
 */
export function wasserstein1D(a: Float64Array, b: Float64Array): number {
  if (a.length === 0 || b.length === 0)
    throw new Error('wasserstein1D: both samples must be non-empty');
  const sa = Float64Array.from(a).sort();
  const sb = Float64Array.from(b).sort();
  return sortedW1(sa, sb);
}

function sortedW1(sa: Float64Array, sb: Float64Array): number {
  const [na, nb] = [sa.length, sb.length];
  let i = 0;
  let j = 0;
  let prev = Math.min(sa[0], sb[0]);
  let total = 0;
  while (i < na || j < nb) {
    const fromA = j >= nb || (i < na && sa[i] <= sb[j]);
    const next = fromA ? sa[i] : sb[j];
    total += Math.abs(i / na - j / nb) * (next - prev);
    prev = next;
    if (fromA) i++;
    else j++;
  }
  return total;
}

export interface SlicedOptions {
  projections: number;
  seed: number;
  dim?: number;
}

/** Stream key of the projection directions (independent of the data and sampler streams). */
const DIRECTION_STREAM = 0x51ced000;

/**
 * Sliced Wasserstein-1: the mean over `projections` random directions θ (uniform on the
 * sphere: normalised Gaussian vectors, seeded) of the exact 1D W1 between ⟨θ, a⟩ and ⟨θ, b⟩.
 */
export function slicedWasserstein1(
  a: Float64Array,
  b: Float64Array,
  options: SlicedOptions,
): number {
  const { projections, seed, dim = 2 } = options;
  if (!Number.isInteger(projections) || projections < 1)
    throw new Error(
      `slicedWasserstein1: projections must be a positive integer, got ${projections}`,
    );
  const na = pointCount(a, dim, 'slicedWasserstein1 (a)');
  const nb = pointCount(b, dim, 'slicedWasserstein1 (b)');
  const theta = normals(seed, DIRECTION_STREAM, projections * dim);
  const pa = new Float64Array(na);
  const pb = new Float64Array(nb);
  let total = 0;
  for (let k = 0; k < projections; k++) {
    let norm = 0;
    for (let c = 0; c < dim; c++) norm += theta[k * dim + c] ** 2;
    norm = Math.sqrt(norm);
    project(a, theta, k, norm, dim, pa);
    project(b, theta, k, norm, dim, pb);
    total += sortedW1(pa.sort(), pb.sort());
  }
  return total / projections;
}

function project(
  x: Float64Array,
  theta: Float64Array,
  k: number,
  norm: number,
  dim: number,
  out: Float64Array,
) {
  for (let i = 0; i < out.length; i++) {
    let s = 0;
    for (let c = 0; c < dim; c++) s += x[i * dim + c] * theta[k * dim + c];
    out[i] = s / norm;
  }
}
