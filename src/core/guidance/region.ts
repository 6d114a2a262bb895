/**
 * A region R of the plane that samples are constrained to: the half-plane {x : ⟨n, x⟩ ≥ c}
 * with n = (cos θ, sin θ), or the closed disc |x − centre| ≤ r.
 */
export type Region =
  | { kind: 'half'; angle: number; offset: number }
  | { kind: 'disc'; cx: number; cy: number; radius: number };

/** The unit normal n of a half-plane (pointing into it). */
export function halfPlaneNormal(r: { angle: number }): [number, number] {
  return [Math.cos(r.angle), Math.sin(r.angle)];
}

/** Signed distance of (x, y) to the region's boundary: positive inside, negative outside. */
export function signedDistance(r: Region, x: number, y: number): number {
  if (r.kind === 'half') {
    const [nx, ny] = halfPlaneNormal(r);
    return nx * x + ny * y - r.offset;
  }
  return r.radius - Math.hypot(x - r.cx, y - r.cy);
}

/** Share of the 2D points (flat x, y pairs) inside the region. */
export function shareInside(r: Region, points: ArrayLike<number>): number {
  const n = points.length / 2;
  let inside = 0;
  for (let p = 0; p < n; p++)
    if (signedDistance(r, points[2 * p], points[2 * p + 1]) >= 0) inside++;
  return n > 0 ? inside / n : 0;
}

/** The points (flat x, y pairs) inside the region. */
export function pointsInside(r: Region, points: Float64Array): Float64Array {
  const kept: number[] = [];
  for (let p = 0; p < points.length / 2; p++)
    if (signedDistance(r, points[2 * p], points[2 * p + 1]) >= 0)
      kept.push(points[2 * p], points[2 * p + 1]);
  return Float64Array.from(kept);
}

/** Below this acceptance rate a region is refused: it holds almost none of the data. */
export const MIN_ACCEPTANCE = 0.002;

/**
 * n exact draws of the data restricted to the region, p(x0 | x0 ∈ R) = p(x0)·1_R/P(R), by
 * rejection from `sample(m, seed)` (the data set's own sampler): the reference the guided
 * samples are compared with. Throws, naming the share, when the region holds too little data.
 */
export function constrainedSamples(
  sample: (m: number, seed: number) => Float64Array,
  r: Region,
  n: number,
  seed: number,
): Float64Array {
  const out = new Float64Array(2 * n);
  let filled = 0;
  let drawn = 0;
  for (let round = 0; filled < n; round++) {
    const batch = sample(Math.max(1000, 2 * n), seed + 7919 * round);
    drawn += batch.length / 2;
    const kept = pointsInside(r, batch);
    const take = Math.min(kept.length / 2, n - filled);
    out.set(kept.subarray(0, 2 * take), 2 * filled);
    filled += take;
    if (drawn >= 1000 && filled / drawn < MIN_ACCEPTANCE && filled < n)
      throw new Error(
        `the region holds ${(100 * (filled / drawn)).toFixed(2)}% of the data (at least ${100 * MIN_ACCEPTANCE}% needed)`,
      );
  }
  return out;
}
