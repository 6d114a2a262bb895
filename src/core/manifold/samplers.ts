import type { SamplerRun } from '../samplers/types';
import { noiseKey } from '../rng';
import type { TangentField } from './exact';
import { type Manifold, tangentNoise } from './manifolds';

/**
 * Steps on a manifold, each a SamplerRun over a time grid `times` (times[i] → times[i + 1]), so
 * that the one loop of core/samplers/driver.ts drives them (as SteppedRun). States are rows of
 * Float64Array (manifolds.ts); a step returns a new array and never mutates its input.
 */

/** Moves every row of a copy of xs along the rows of vs scaled by h. */
function expAll(m: Manifold, xs: Float64Array, vs: Float64Array, h: number): Float64Array {
  const next = Float64Array.from(xs);
  const v = new Float64Array(m.dim);
  for (let i = 0; i < xs.length / m.dim; i++) {
    for (let d = 0; d < m.dim; d++) v[d] = h * vs[i * m.dim + d];
    m.exp(next, i, v, 0);
  }
  return next;
}

function evaluate(m: Manifold, field: TangentField, xs: Float64Array, t: number): Float64Array {
  const out = new Float64Array(xs.length);
  field(xs, t, out);
  m.toTangent(xs, out);
  return out;
}

/**
 * The geodesic random walk (De Bortoli et al. 2022, RSGM, Algorithm 1; Jørgensen 1975): with
 * h = |times[i+1] − times[i]| and z a tangent standard normal,
 *   x ← exp_x(h·drift(x, times[i]) + √h z).
 * With drift the score and times decreasing it is the reverse SDE's Euler–Maruyama step
 * (dY = ∇log p_{T−s}(Y) ds + dB for forward generator ½Δ); without drift, times increasing, it
 * is Brownian motion forwards. Noise of step i comes from the seed's noiseKey(i) stream.
 */
export function geodesicRandomWalk(
  m: Manifold,
  drift: TangentField | null,
  times: readonly number[],
  seed: number,
): SamplerRun<Float64Array> {
  return {
    step(x, i) {
      const h = Math.abs(times[i + 1] - times[i]);
      const v = drift ? evaluate(m, drift, x, times[i]) : new Float64Array(x.length);
      const z = tangentNoise(m, x, seed, noiseKey(i));
      const sq = Math.sqrt(h);
      for (let k = 0; k < v.length; k++) v[k] = h * v[k] + sq * z[k];
      return { x: expAll(m, x, v, 1), x0: x, nfe: drift ? 1 : 0 };
    },
    history: () => [],
  };
}

/**
 * An ODE dx/ds = f(x, time) on the manifold, s running from times[0] to the end with step
 * h = |times[i+1] − times[i]|: exponential-map Euler x ← exp_x(h f), or Heun (the trapezoidal
 * rule of Hairer, Lubich & Wanner's Lie-group methods; De Bortoli et al. 2022 §3.2 for the PF-ODE):
 *   v1 = f(x, t_i),  x̃ = exp_x(h v1),  v2 = P_x f(x̃, t_{i+1}),  x ← exp_x(h (v1 + v2)/2),
 * with v2 brought back to T_x by the tangent projection P_x, which differs from parallel transport
 * by O(h²)|v| and so keeps the local error O(h³). A final time where f is singular (`lastEuler`:
 * flow matching's t = 1) is reached by an Euler step.
 */
export function expOde(
  m: Manifold,
  f: TangentField,
  times: readonly number[],
  heun: boolean,
  lastEuler = false,
): SamplerRun<Float64Array> {
  const steps = times.length - 1;
  return {
    step(x, i) {
      const h = Math.abs(times[i + 1] - times[i]);
      const v1 = evaluate(m, f, x, times[i]);
      if (!heun || (lastEuler && i === steps - 1)) return { x: expAll(m, x, v1, h), x0: x, nfe: 1 };
      const mid = expAll(m, x, v1, h);
      const v2 = evaluate(m, f, mid, times[i + 1]);
      m.toTangent(x, v2);
      for (let k = 0; k < v1.length; k++) v1[k] = 0.5 * (v1[k] + v2[k]);
      return { x: expAll(m, x, v1, h), x0: mid, nfe: 2 };
    },
    history: () => [],
  };
}

/** The probability-flow ODE's field in reverse time: dx/ds = ½∇log p_t(x) for generator ½Δ. */
export function halfField(score: TangentField): TangentField {
  return (xs, t, out) => {
    score(xs, t, out);
    for (let k = 0; k < out.length; k++) out[k] *= 0.5;
  };
}
