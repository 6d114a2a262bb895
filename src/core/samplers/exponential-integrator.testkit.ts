/**
 * Test helpers for the exponential-integrator samplers: closed-form denoisers (an isotropic
 * Gaussian, a 2D Gaussian mixture), a caller-owned sampling loop, an RK4 reference solver of
 * the probability-flow ODE, and a log-log order fit. States are P points × d dims, flat.
 */
import { float64Ops } from '../ops';
import { normals } from '../rng';
import type { Denoiser, SamplerDef, SamplerParams, StepResult } from './types';

type F64 = Float64Array;

/** Exact E[x0 | x] for x0 ~ N(μ, c²I) (μ repeated per point): μ + c²/(c²+σ²)·(x − μ). */
export function gaussianDenoiser(mu: readonly number[], c: number): Denoiser<F64> {
  return (x, sigma) => {
    const out = new Float64Array(x.length);
    const k = (c * c) / (c * c + sigma * sigma);
    for (let i = 0; i < x.length; i++) {
      const m = mu[i % mu.length];
      out[i] = m + k * (x[i] - m);
    }
    return out;
  };
}

export interface Mixture2D {
  weights: number[];
  means: [number, number][];
  /** Covariances as [a, b, d] for [[a, b], [b, d]]. */
  covs: [number, number, number][];
}

/**
 * Exact E[x0 | x] for a 2D Gaussian mixture with x = x0 + σε: responsibilities from
 * N(x; μ_k, Σ_k + σ²I), each component contributing μ_k + Σ_k(Σ_k + σ²I)⁻¹(x − μ_k).
 */
export function mixtureDenoiser2D(m: Mixture2D): Denoiser<F64> {
  return (x, sigma) => {
    const out = new Float64Array(x.length);
    const s2 = sigma * sigma;
    const K = m.weights.length;
    const logw = new Float64Array(K);
    const post = new Float64Array(2 * K);
    for (let p = 0; p < x.length; p += 2) {
      let maxLog = -Infinity;
      for (let k = 0; k < K; k++) {
        const [a, b, d] = m.covs[k];
        const A = a + s2;
        const D = d + s2;
        const det = A * D - b * b;
        const dx = x[p] - m.means[k][0];
        const dy = x[p + 1] - m.means[k][1];
        // (Σ + σ²I)⁻¹ (x − μ)
        const ix = (D * dx - b * dy) / det;
        const iy = (-b * dx + A * dy) / det;
        logw[k] = Math.log(m.weights[k]) - 0.5 * Math.log(det) - 0.5 * (dx * ix + dy * iy);
        maxLog = Math.max(maxLog, logw[k]);
        post[2 * k] = m.means[k][0] + a * ix + b * iy;
        post[2 * k + 1] = m.means[k][1] + b * ix + d * iy;
      }
      let z = 0;
      for (let k = 0; k < K; k++) z += Math.exp(logw[k] - maxLog);
      for (let k = 0; k < K; k++) {
        const r = Math.exp(logw[k] - maxLog) / z;
        out[p] += r * post[2 * k];
        out[p + 1] += r * post[2 * k + 1];
      }
    }
    return out;
  };
}

/** A skewed three-component mixture with well-separated, anisotropic modes. */
export const TEST_MIXTURE: Mixture2D = {
  weights: [0.3, 0.5, 0.2],
  means: [
    [-1, 0.5],
    [1, 1],
    [0.2, -1.2],
  ],
  covs: [
    [0.09, 0.03, 0.05],
    [0.04, -0.01, 0.12],
    [0.1, 0, 0.1],
  ],
};

/** Runs every step of a sampler from xT; returns the final state and all step results. */
export function runSampler(
  def: SamplerDef,
  params: SamplerParams,
  sigmas: readonly number[],
  denoise: Denoiser<F64>,
  xT: F64,
  seed = 1,
): { x: F64; steps: StepResult<F64>[] } {
  const run = def.create(
    { ops: float64Ops, denoise, noise: (key) => normals(seed, key, xT.length) },
    { sigmas },
    params,
  );
  const steps: StepResult<F64>[] = [];
  let x = xT;
  for (let i = 0; i < sigmas.length - 1; i++) {
    const r = run.step(x, i);
    steps.push(r);
    x = r.x;
  }
  return { x, steps };
}

/** Classical RK4 on dx/du = x − D(x, e^u), u = log σ, from σ_max down to σ_min. */
export function rk4Reference(
  denoise: Denoiser<F64>,
  xT: F64,
  sigmaMax: number,
  sigmaMin: number,
  n: number,
): F64 {
  const f = (x: F64, u: number) => {
    const d = denoise(x, Math.exp(u));
    const out = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = x[i] - d[i];
    return out;
  };
  const axpy = (x: F64, c: number, k: F64) => x.map((v, i) => v + c * k[i]);
  const du = (Math.log(sigmaMin) - Math.log(sigmaMax)) / n;
  let x = xT;
  for (let j = 0; j < n; j++) {
    const u = Math.log(sigmaMax) + j * du;
    const k1 = f(x, u);
    const k2 = f(axpy(x, du / 2, k1), u + du / 2);
    const k3 = f(axpy(x, du / 2, k2), u + du / 2);
    const k4 = f(axpy(x, du, k3), u + du);
    x = x.map((v, i) => v + (du / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]));
  }
  return x;
}

export function rmsDiff(a: F64, b: F64): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s / a.length);
}

/** Least-squares slope of log(error) against log(steps), negated: the convergence order. */
export function fitOrder(steps: readonly number[], errors: readonly number[]): number {
  const xs = steps.map(Math.log);
  const ys = errors.map(Math.log);
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return -num / den;
}
