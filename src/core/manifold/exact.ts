import { direct, KernelTable, VARADHAN_BELOW } from './heatSphere';
import { wrappedNormal, wrapTerms } from './heatTorus';
import { arcOfCos, sinc, thetaOverSin } from './sphere';
import { wrap } from './torus';

/**
 * A tangent vector field on a manifold at time t: writes one tangent vector per row of xs into
 * out (same layout). The exact models of empirical data below are such fields.
 */
export type TangentField = (xs: Float64Array, t: number, out: Float64Array) => void;

/** Terms more than this many nats below the largest add < e⁻⁶⁰ relative and are skipped. */
const SKIP = 60;

/**
 * One query point's softmax-weighted average Σ_i w_i v_i, w_i ∝ e^{ℓ_i}, of per-point tangent
 * vectors: `term(i, v)` writes v_i and returns ℓ_i (−∞: no weight). A streaming log-sum-exp
 * (the running maximum rescales the sums) keeps tiny and huge weights finite.
 */
function weightedTangent(
  count: number,
  dim: number,
  term: (i: number, vec: Float64Array) => number,
  out: Float64Array,
  o: number,
  vec: Float64Array,
): void {
  let max = -Infinity;
  let total = 0;
  for (let d = 0; d < dim; d++) out[o + d] = 0;
  for (let i = 0; i < count; i++) {
    const lw = term(i, vec);
    if (lw < max - SKIP || lw === -Infinity) continue;
    if (lw > max) {
      const scale = Math.exp(max - lw);
      total *= scale;
      for (let d = 0; d < dim; d++) out[o + d] *= scale;
      max = lw;
    }
    const w = Math.exp(lw - max);
    total += w;
    for (let d = 0; d < dim; d++) out[o + d] += w * vec[d];
  }
  if (total > 0) for (let d = 0; d < dim; d++) out[o + d] /= total;
}

/**
 * The exact score ∇ log p_t(x) on S² of the empirical data (1/N) Σ δ_{y_i} diffused by Brownian
 * motion (generator ½Δ): p_t(x) = (1/N) Σ_i k_t(x, y_i) with the heat kernel of heatSphere.ts, so
 *   ∇ log p_t(x) = Σ_i w_i ∇_x log k_t(x, y_i),   w_i ∝ k_t(x, y_i)
 * (De Bortoli et al. 2022, RSGM, eq. (6) with the kernel of §4). With c = ⟨x, y⟩ the gradient of
 * k_t(c) is k'_t(c)(y − c x) (the tangent part of y); below VARADHAN_BELOW it is the Varadhan
 * term's d/dθ times ∇θ = −(y − c x)/sin θ.
 */
export function sphereScore(data: Float64Array): TangentField {
  const n = data.length / 3;
  const vec = new Float64Array(3);
  let table: KernelTable | null = null;
  return (xs, t, out) => {
    // The series regime reads a table (heatSphere.ts KernelTable); the Varadhan term is cheap.
    if (t >= VARADHAN_BELOW && table?.t !== t) table = new KernelTable(t);
    const at =
      t >= VARADHAN_BELOW && table
        ? table.at.bind(table)
        : (c: number) => direct(t, arcOfCos(c), null);
    for (let o = 0; o < xs.length; o += 3) {
      const x0 = xs[o];
      const x1 = xs[o + 1];
      const x2 = xs[o + 2];
      const term = (i: number, v: Float64Array): number => {
        const y0 = data[3 * i];
        const y1 = data[3 * i + 1];
        const y2 = data[3 * i + 2];
        const c = Math.max(-1, Math.min(1, x0 * y0 + x1 * y1 + x2 * y2));
        const [lw, k] = at(c);
        v[0] = k * (y0 - c * x0);
        v[1] = k * (y1 - c * x1);
        v[2] = k * (y2 - c * x2);
        return lw;
      };
      weightedTangent(n, 3, term, out, o, vec);
    }
  };
}

/**
 * The exact score on T² of the empirical data diffused by Brownian motion: the mixture of the
 * wrapped normals of heatTorus.ts, whose gradient per angle is p'(δ)/p(δ) (δ = wrap(x − y)).
 */
export function torusScore(data: Float64Array): TangentField {
  const n = data.length / 2;
  const vec = new Float64Array(2);
  return (xs, t, out) => {
    const terms = wrapTerms(t);
    for (let o = 0; o < xs.length; o += 2) {
      const term = (i: number, v: Float64Array): number => {
        let lw = 0;
        for (let d = 0; d < 2; d++) {
          const delta = wrap(xs[o + d] - data[2 * i + d]);
          const [p, dp] = wrappedNormal(t, delta, terms);
          // p can underflow for tiny t far away: its nearest image alone then.
          if (p > 1e-300) {
            lw += Math.log(p);
            v[d] = dp / p;
          } else {
            lw += -(delta * delta) / (2 * t) - 0.5 * Math.log(2 * Math.PI * t);
            v[d] = -delta / t;
          }
        }
        return lw;
      };
      weightedTangent(n, 2, term, out, o, vec);
    }
  };
}

/**
 * The exact marginal velocity of Riemannian flow matching with geodesic conditional paths (Chen &
 * Lipman 2024, eq. (14): x_t = exp_{x0}(t log_{x0} x1), u_t(x | x1) = log_x(x1)/(1 − t)) from the
 * uniform distribution on S² to the empirical data:
 *   u_t(x) = Σ_i w_i log_x(y_i)/(1 − t),  w_i ∝ p_t(x | y_i).
 * p_t(x | y) is the uniform law pushed along the geodesics to y: at angle θ from y,
 *   p_t(x | y) = sin(θ/(1 − t)) / (4π (1 − t) sin θ)   for θ < π(1 − t), else 0
 * (polar angle θ0 ~ sin θ0 / 2 shrunk to θ = (1 − t)θ0, over the circle's length 2π sin θ).
 */
export function sphereFmVelocity(data: Float64Array): TangentField {
  const n = data.length / 3;
  const vec = new Float64Array(3);
  return (xs, t, out) => {
    const r = 1 - t;
    for (let o = 0; o < xs.length; o += 3) {
      const term = (i: number, v: Float64Array): number => {
        const c = xs[o] * data[3 * i] + xs[o + 1] * data[3 * i + 1] + xs[o + 2] * data[3 * i + 2];
        const theta = arcOfCos(c);
        if (theta >= Math.PI * r) return -Infinity;
        const k = thetaOverSin(theta) / r;
        for (let d = 0; d < 3; d++) v[d] = k * (data[3 * i + d] - c * xs[o + d]);
        // log of sin(θ/r)/sin θ = sinc(θ/r)/(r sinc θ), less the constant −log r.
        return Math.log(sinc(theta / r)) - Math.log(sinc(theta));
      };
      weightedTangent(n, 3, term, out, o, vec);
    }
  };
}

/**
 * The same on T²: per angle x_t = y − (1 − t)δ0 with δ0 uniform, so p_t(x | y) is uniform on the
 * box |wrap(x − y)| < π(1 − t) per angle, and u_t(x) is the mean of wrap(y_i − x)/(1 − t) over
 * the data points whose box holds x (Chen & Lipman 2024, eq. (14) on the flat torus).
 */
export function torusFmVelocity(data: Float64Array): TangentField {
  const n = data.length / 2;
  const vec = new Float64Array(2);
  return (xs, t, out) => {
    const reach = Math.PI * (1 - t);
    for (let o = 0; o < xs.length; o += 2) {
      const term = (i: number, v: Float64Array): number => {
        for (let d = 0; d < 2; d++) {
          const delta = wrap(data[2 * i + d] - xs[o + d]);
          if (Math.abs(delta) >= reach) return -Infinity;
          v[d] = delta / (1 - t);
        }
        return 0;
      };
      weightedTangent(n, 2, term, out, o, vec);
    }
  };
}
