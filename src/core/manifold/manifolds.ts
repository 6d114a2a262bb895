import { INITIAL_NOISE_KEY, normals } from '../rng';
import { normaliseRows, sphereExp } from './sphere';
import { projectTorus, wrap } from './torus';

export const MANIFOLD_IDS = ['sphere', 'torus'] as const;
export type ManifoldId = (typeof MANIFOLD_IDS)[number];

/** What the samplers need of a manifold: its coordinates, exp map, tangent projection and prior. */
export interface Manifold {
  id: ManifoldId;
  /** Coordinates per point: 3 (unit vectors in R³) or 2 (angles). */
  dim: number;
  /** Ambient (Euclidean) dimension of its embedding: R³ for S², R⁴ for T² (two circles). */
  ambient: number;
  /** Moves row i of xs to exp_x(v), v = vs[vo .. vo + dim), in place. */
  exp(xs: Float64Array, i: number, vs: Float64Array, vo: number): void;
  /** Projects each row of vs onto the tangent space at the same row of xs, in place. */
  toTangent(xs: Float64Array, vs: Float64Array): void;
  /** The projection of embedded points (rows of `ambient` coordinates) onto the manifold. */
  project(ys: Float64Array): Float64Array;
  /** The largest distance of a row from the manifold (|‖x‖ − 1| on S²; 0 for wrapped angles). */
  offManifold(xs: Float64Array): number;
}

export const SPHERE: Manifold = {
  id: 'sphere',
  dim: 3,
  ambient: 3,
  exp: (xs, i, vs, vo) => sphereExp(xs, i, vs[vo], vs[vo + 1], vs[vo + 2]),
  toTangent(xs, vs) {
    for (let o = 0; o < xs.length; o += 3) {
      const dot = xs[o] * vs[o] + xs[o + 1] * vs[o + 1] + xs[o + 2] * vs[o + 2];
      for (let d = 0; d < 3; d++) vs[o + d] -= dot * xs[o + d];
    }
  },
  project: (ys) => normaliseRows(Float64Array.from(ys)),
  offManifold(xs) {
    let worst = 0;
    for (let o = 0; o < xs.length; o += 3)
      worst = Math.max(worst, Math.abs(Math.hypot(xs[o], xs[o + 1], xs[o + 2]) - 1));
    return worst;
  },
};

export const TORUS: Manifold = {
  id: 'torus',
  dim: 2,
  ambient: 4,
  exp(xs, i, vs, vo) {
    xs[2 * i] = wrap(xs[2 * i] + vs[vo]);
    xs[2 * i + 1] = wrap(xs[2 * i + 1] + vs[vo + 1]);
  },
  toTangent: () => undefined,
  project: projectTorus,
  offManifold(xs) {
    let worst = 0;
    for (const a of xs)
      worst = Math.max(worst, a < -Math.PI ? -Math.PI - a : a >= Math.PI ? a - Math.PI : 0);
    return worst;
  },
};

export const MANIFOLDS: Record<ManifoldId, Manifold> = { sphere: SPHERE, torus: TORUS };

/**
 * Standard normals of the ambient space from stream `key` (n rows of m.ambient). Projected onto
 * the manifold they are its uniform law (rotation invariance on S²; a planar normal's angle on
 * each circle of T²), so the Riemannian runs start where the naive ambient run does, projected.
 */
export function ambientNormals(m: Manifold, n: number, seed: number, key = INITIAL_NOISE_KEY) {
  return normals(seed, key, n * m.ambient);
}

/** n points of the manifold's uniform law from the seed's initial stream. */
export function uniformPoints(m: Manifold, n: number, seed: number): Float64Array {
  return m.project(ambientNormals(m, n, seed));
}

/**
 * Tangent standard normals at xs from stream `key`: on S² ambient normals projected onto the
 * tangent plane (a standard normal of the plane), on T² the planar normals themselves.
 */
export function tangentNoise(
  m: Manifold,
  xs: Float64Array,
  seed: number,
  key: number,
): Float64Array {
  const z = normals(seed, key, xs.length);
  m.toTangent(xs, z);
  return z;
}

/**
 * Where the view draws the score field: a Fibonacci lattice of n points on S² (González 2010),
 * a k × k grid of cell centres on T² (k = round √n).
 */
export function fieldBase(m: Manifold, n: number): Float64Array {
  if (m.id === 'torus') {
    const k = Math.round(Math.sqrt(n));
    const out = new Float64Array(2 * k * k);
    for (let i = 0; i < k; i++)
      for (let j = 0; j < k; j++) {
        out[2 * (i * k + j)] = -Math.PI + ((i + 0.5) * 2 * Math.PI) / k;
        out[2 * (i * k + j) + 1] = -Math.PI + ((j + 0.5) * 2 * Math.PI) / k;
      }
    return out;
  }
  const out = new Float64Array(3 * n);
  const golden = Math.PI * (3 - Math.sqrt(5));
  for (let i = 0; i < n; i++) {
    const z = 1 - (2 * i + 1) / n;
    const r = Math.sqrt(1 - z * z);
    out.set([r * Math.cos(golden * i), r * Math.sin(golden * i), z], 3 * i);
  }
  return out;
}

/** Mean Euclidean distance of embedded rows (m.ambient each) from the manifold's embedding. */
export function meanAmbientDistance(m: Manifold, ys: Float64Array): number {
  let total = 0;
  const rows = ys.length / m.ambient;
  for (let o = 0; o < ys.length; o += m.ambient) {
    if (m.id === 'sphere') total += Math.abs(Math.hypot(ys[o], ys[o + 1], ys[o + 2]) - 1);
    else
      total += Math.hypot(Math.hypot(ys[o], ys[o + 1]) - 1, Math.hypot(ys[o + 2], ys[o + 3]) - 1);
  }
  return total / rows;
}
