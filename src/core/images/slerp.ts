/**
 * Spherical linear interpolation (Shoemake 1985) between two noise vectors, the interpolation
 * DDIM uses between x_T's (Song, Meng & Ermon 2021, §5.3): along the great circle through a and
 * b, so a Gaussian draw keeps its typical norm instead of shrinking mid-way as it does under
 * linear interpolation. Falls back to linear interpolation when a and b are (anti)parallel.
 */
export function slerp(a: ArrayLike<number>, b: ArrayLike<number>, t: number): Float64Array {
  if (a.length !== b.length) throw new Error(`slerp: lengths ${a.length} and ${b.length} differ`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  if (na === 0 || nb === 0) throw new Error('slerp: a zero vector has no direction');
  const cos = Math.min(1, Math.max(-1, dot / Math.sqrt(na * nb)));
  const omega = Math.acos(cos);
  const sin = Math.sin(omega);
  const [ca, cb] =
    sin < 1e-9 ? [1 - t, t] : [Math.sin((1 - t) * omega) / sin, Math.sin(t * omega) / sin];
  return Float64Array.from(a, (v, i) => ca * v + cb * b[i]);
}

/** n evenly spaced interpolation weights from 0 to 1 inclusive (a single 0 for n = 1). */
export function interpolationWeights(n: number): number[] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`interpolationWeights: n = ${n}`);
  return Array.from({ length: n }, (_, i) => (n === 1 ? 0 : i / (n - 1)));
}
