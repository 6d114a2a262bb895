import { normals } from '../rng';

/**
 * W1 between two empirical laws on the circle (angles in radians, any range; equal weights within
 * each set): W1 = min_α ∫_0^{2π} |F(θ) − G(θ) − α| dθ, the minimum at α a weighted median of F − G
 * (Rabin, Delon & Gousseau 2011, "Transportation distances on the circle", Theorem 3 for p = 1).
 */
export function circularW1(a: Float64Array, b: Float64Array): number {
  const TWO_PI = 2 * Math.PI;
  const mod = (t: number) => ((t % TWO_PI) + TWO_PI) % TWO_PI;
  const events = [
    ...Array.from(a, (t) => [mod(t), 1 / a.length] as const),
    ...Array.from(b, (t) => [mod(t), -1 / b.length] as const),
  ].sort((p, q) => p[0] - q[0]);
  // F − G on each arc between consecutive events (with the arc before the first event, where it is 0).
  const pieces: { d: number; len: number }[] = [{ d: 0, len: events[0][0] }];
  let d = 0;
  events.forEach(([t, w], i) => {
    d += w;
    const next = i + 1 < events.length ? events[i + 1][0] : TWO_PI;
    pieces.push({ d, len: next - t });
  });
  const sorted = [...pieces].sort((p, q) => p.d - q.d);
  let acc = 0;
  let alpha = sorted[sorted.length - 1].d;
  for (const p of sorted) {
    acc += p.len;
    if (acc >= Math.PI) {
      alpha = p.d;
      break;
    }
  }
  return pieces.reduce((s, p) => s + p.len * Math.abs(p.d - alpha), 0);
}

/**
 * The spherical sliced-Wasserstein distance on S² (Bonet et al. 2023, "Spherical Sliced-
 * Wasserstein", ICLR, eq. (10)): the mean over `slices` random great circles (orthonormal U ∈ R³ˣ²
 * from seeded normals) of the circular W1 between the laws projected onto each circle,
 * P_U(x) = atan2(⟨x, u₂⟩, ⟨x, u₁⟩). a and b: unit vectors, rows of 3.
 */
export function sphericalSlicedW1(
  a: Float64Array,
  b: Float64Array,
  slices = 200,
  seed = 0,
): number {
  const z = normals(seed, 0x5353, 6 * slices);
  const angles = (x: Float64Array, u1: number[], u2: number[]) =>
    Float64Array.from({ length: x.length / 3 }, (_, i) => {
      const o = 3 * i;
      const p = x[o] * u1[0] + x[o + 1] * u1[1] + x[o + 2] * u1[2];
      const q = x[o] * u2[0] + x[o + 1] * u2[1] + x[o + 2] * u2[2];
      return Math.atan2(q, p);
    });
  let total = 0;
  for (let s = 0; s < slices; s++) {
    // Gram–Schmidt on two normal vectors: a uniformly random 2-plane.
    const v = Array.from(z.subarray(6 * s, 6 * s + 3));
    const w = Array.from(z.subarray(6 * s + 3, 6 * s + 6));
    const nv = Math.hypot(...v);
    const u1 = v.map((c) => c / nv);
    const dot = w[0] * u1[0] + w[1] * u1[1] + w[2] * u1[2];
    const r = w.map((c, k) => c - dot * u1[k]);
    const nr = Math.hypot(...r);
    const u2 = r.map((c) => c / nr);
    total += circularW1(angles(a, u1, u2), angles(b, u1, u2));
  }
  return total / slices;
}
