/**
 * The unit sphere S² ⊂ R³: points are unit 3-vectors stored as rows (x, y, z) of a Float64Array.
 * Exponential and logarithm maps in closed form (e.g. Absil, Mahony & Sepulchre 2008, §5.4).
 */

/** Geodesic (great-circle) distance between unit vectors with inner product c. */
export function arcOfCos(c: number): number {
  return Math.acos(Math.max(-1, Math.min(1, c)));
}

/** θ / sin θ, stable near 0 (its series 1 + θ²/6 + 7θ⁴/360). */
export function thetaOverSin(theta: number): number {
  if (theta < 1e-4) return 1 + (theta * theta) / 6;
  return theta / Math.sin(theta);
}

/** sin θ / θ, stable near 0. */
export function sinc(theta: number): number {
  if (theta < 1e-4) return 1 - (theta * theta) / 6;
  return Math.sin(theta) / theta;
}

/** Moves x (row i of xs) to exp_x(v) in place: cos|v| x + sin|v| v/|v|, then renormalises. */
export function sphereExp(xs: Float64Array, i: number, v0: number, v1: number, v2: number): void {
  const o = 3 * i;
  const n = Math.hypot(v0, v1, v2);
  const c = Math.cos(n);
  const s = sinc(n);
  const a = c * xs[o] + s * v0;
  const b = c * xs[o + 1] + s * v1;
  const d = c * xs[o + 2] + s * v2;
  const r = Math.hypot(a, b, d);
  xs[o] = a / r;
  xs[o + 1] = b / r;
  xs[o + 2] = d / r;
}

/**
 * log_x(y) written into out[0..2]: θ (y − c x)/sin θ with c = ⟨x, y⟩, θ = arccos c; its norm is
 * the geodesic distance. Undefined at the antipode (returns the zero vector there).
 */
export function sphereLog(
  x0: number,
  x1: number,
  x2: number,
  y0: number,
  y1: number,
  y2: number,
  out: Float64Array,
): void {
  const c = x0 * y0 + x1 * y1 + x2 * y2;
  const theta = arcOfCos(c);
  const k = theta >= Math.PI - 1e-12 ? 0 : thetaOverSin(theta);
  out[0] = k * (y0 - c * x0);
  out[1] = k * (y1 - c * x1);
  out[2] = k * (y2 - c * x2);
}

/** Projects v onto the tangent plane at the unit vector x (in place on out). */
export function tangent(x: ArrayLike<number>, o: number, v: Float64Array): void {
  const dot = x[o] * v[0] + x[o + 1] * v[1] + x[o + 2] * v[2];
  v[0] -= dot * x[o];
  v[1] -= dot * x[o + 1];
  v[2] -= dot * x[o + 2];
}

/** Normalises every row to unit length (the projection R³ \ {0} → S²), in place. */
export function normaliseRows(xs: Float64Array): Float64Array {
  for (let o = 0; o < xs.length; o += 3) {
    const r = Math.hypot(xs[o], xs[o + 1], xs[o + 2]) || 1;
    xs[o] /= r;
    xs[o + 1] /= r;
    xs[o + 2] /= r;
  }
  return xs;
}

/** Unit vector of latitude and longitude in degrees (x towards (0°, 0°), z to the north pole). */
export function fromLatLon(lat: number, lon: number): [number, number, number] {
  const phi = (lat * Math.PI) / 180;
  const lam = (lon * Math.PI) / 180;
  return [Math.cos(phi) * Math.cos(lam), Math.cos(phi) * Math.sin(lam), Math.sin(phi)];
}

/** Latitude and longitude in degrees of a unit vector. */
export function toLatLon(x: number, y: number, z: number): [number, number] {
  return [
    (Math.asin(Math.max(-1, Math.min(1, z))) * 180) / Math.PI,
    (Math.atan2(y, x) * 180) / Math.PI,
  ];
}
