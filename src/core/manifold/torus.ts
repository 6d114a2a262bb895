/**
 * The flat torus T² = R² / 2πZ²: points are angle pairs in [−π, π) stored as rows of a
 * Float64Array. Its exponential map is addition modulo 2π and its logarithm the wrapped difference.
 */

/** The angle a wrapped into [−π, π). */
export function wrap(a: number): number {
  const w = a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
  return w >= Math.PI ? w - 2 * Math.PI : w;
}

/** Wraps every coordinate into [−π, π), in place. */
export function wrapAll(xs: Float64Array): Float64Array {
  for (let i = 0; i < xs.length; i++) xs[i] = wrap(xs[i]);
  return xs;
}

/** The torus's embedding in R⁴ as a product of unit circles: (cos a, sin a, cos b, sin b). */
export function embedTorus(xs: Float64Array): Float64Array {
  const out = new Float64Array(2 * xs.length);
  for (let i = 0; i < xs.length; i++) {
    out[2 * i] = Math.cos(xs[i]);
    out[2 * i + 1] = Math.sin(xs[i]);
  }
  return out;
}

/** The nearest torus point of each R⁴ row (each circle's pair normalised): the angles. */
export function projectTorus(ys: Float64Array): Float64Array {
  const out = new Float64Array(ys.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = wrap(Math.atan2(ys[2 * i + 1], ys[2 * i]));
  return out;
}
