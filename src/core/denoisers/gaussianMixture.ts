import type { Denoiser } from '../samplers/types';
import { type AnalyticModel, checkState } from './analytic';
import { cholesky } from './cholesky';

/** A Gaussian mixture in d dimensions: weights sum to 1, means[k] has length d, covs[k] is d×d SPD (or PSD). */
export interface GaussianMixture {
  weights: number[];
  means: number[][];
  covs: number[][][];
}

export interface MixtureModel extends AnalyticModel {
  /** Posterior component probabilities P(k | x_σ), flat n × K. */
  responsibilities(x: Float64Array, sigma: number): Float64Array;
}

/** Σ_k = C_k + σ²I as Cholesky factors, with log w_k − ½ log det Σ_k − (d/2) log 2π. */
interface NoisedComponents {
  sigma: number;
  factors: Float64Array[];
  logNorm: Float64Array;
}

function validate(m: GaussianMixture): number {
  const k = m.weights.length;
  if (k === 0) throw new Error('mixture: needs at least one component');
  if (m.means.length !== k || m.covs.length !== k)
    throw new Error(
      `mixture: ${k} weights but ${m.means.length} means and ${m.covs.length} covariances`,
    );
  const d = m.means[0].length;
  m.weights.forEach((w, i) => {
    if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`mixture: weight ${i} is ${w}`);
    if (m.means[i].length !== d)
      throw new Error(`mixture: mean ${i} has length ${m.means[i].length}, expected ${d}`);
    const c = m.covs[i];
    if (c.length !== d || c.some((row) => row.length !== d))
      throw new Error(`mixture: covariance ${i} is not ${d}×${d}`);
  });
  const total = m.weights.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > 1e-6) throw new Error(`mixture: weights sum to ${total}, expected 1`);
  return d;
}

/**
 * The analytic model of a Gaussian mixture. In k-diffusion coordinates the noised marginal at σ
 * is Σ_k w_k N(μ_k, Σ_k) with Σ_k = C_k + σ²I, and per component
 *   E[x0 | x, k] = μ_k + C_k Σ_k⁻¹ (x − μ_k) = x − σ² Σ_k⁻¹ (x − μ_k),
 * so D(x) = x + σ² ∇log p_σ(x) with ∇log p_σ(x) = −Σ_k r_k(x) Σ_k⁻¹ (x − μ_k) (Tweedie), and
 * r_k the posterior responsibilities, computed with log-sum-exp.
 */
export function gaussianMixtureModel(m: GaussianMixture): MixtureModel {
  const d = validate(m);
  const kCount = m.weights.length;
  const means = m.means.map((mu) => Float64Array.from(mu));
  let cached: NoisedComponents | null = null;

  function noised(sigma: number): NoisedComponents {
    if (cached && cached.sigma === sigma) return cached;
    const s2 = sigma * sigma;
    const factors = m.covs.map((c) =>
      cholesky(c.map((row, i) => row.map((v, j) => (i === j ? v + s2 : v)))),
    );
    const logNorm = new Float64Array(kCount);
    factors.forEach((l, k) => {
      let halfLogDet = 0;
      for (let i = 0; i < d; i++) halfLogDet += Math.log(l[i * d + i]);
      logNorm[k] = Math.log(m.weights[k]) - halfLogDet - (d / 2) * Math.log(2 * Math.PI);
    });
    cached = { sigma, factors, logNorm };
    return cached;
  }

  /**
   * One pass over the points. Per point and component: y = L⁻¹(x − μ) (forward substitution),
   * log N = logNorm − ½|y|², and u = Σ⁻¹(x − μ) = L⁻ᵀy (back substitution).
   * Writes whichever of score (n×d), responsibilities (n×K) and log-density (n) are asked for.
   */
  function evaluate(
    x: Float64Array,
    sigma: number,
    score: Float64Array | null,
    resp: Float64Array | null,
    logDensity: Float64Array | null,
  ): void {
    const n = checkState(x, d, sigma);
    const { factors, logNorm } = noised(sigma);
    const logp = new Float64Array(kCount);
    const u = new Float64Array(kCount * d);
    const y = new Float64Array(d);
    for (let p = 0; p < n; p++) {
      const base = p * d;
      let maxLog = -Infinity;
      for (let k = 0; k < kCount; k++) {
        const l = factors[k];
        const mu = means[k];
        let quad = 0;
        for (let i = 0; i < d; i++) {
          let v = x[base + i] - mu[i];
          for (let j = 0; j < i; j++) v -= l[i * d + j] * y[j];
          y[i] = v / l[i * d + i];
          quad += y[i] * y[i];
        }
        logp[k] = logNorm[k] - 0.5 * quad;
        if (logp[k] > maxLog) maxLog = logp[k];
        if (score) {
          for (let i = d - 1; i >= 0; i--) {
            let v = y[i];
            for (let j = i + 1; j < d; j++) v -= l[j * d + i] * u[k * d + j];
            u[k * d + i] = v / l[i * d + i];
          }
        }
      }
      let total = 0;
      for (let k = 0; k < kCount; k++) total += Math.exp(logp[k] - maxLog);
      if (logDensity) logDensity[p] = maxLog + Math.log(total);
      if (!score && !resp) continue;
      if (score) for (let i = 0; i < d; i++) score[base + i] = 0;
      for (let k = 0; k < kCount; k++) {
        const r = Math.exp(logp[k] - maxLog) / total;
        if (resp) resp[p * kCount + k] = r;
        if (score) for (let i = 0; i < d; i++) score[base + i] -= r * u[k * d + i];
      }
    }
  }

  const scoreAt = (x: Float64Array, sigma: number): Float64Array => {
    const out = new Float64Array(x.length);
    evaluate(x, sigma, out, null, null);
    return out;
  };

  const denoise: Denoiser<Float64Array> = (x, sigma) => {
    checkState(x, d, sigma);
    // As σ → 0, D(x, σ) → x for SPD covariances.
    if (sigma === 0) return Float64Array.from(x);
    const out = scoreAt(x, sigma);
    const s2 = sigma * sigma;
    for (let i = 0; i < out.length; i++) out[i] = x[i] + s2 * out[i];
    return out;
  };

  return {
    dim: d,
    denoise,
    score: scoreAt,
    logDensity(x, sigma) {
      const out = new Float64Array(checkState(x, d, sigma));
      evaluate(x, sigma, null, null, out);
      return out;
    },
    responsibilities(x, sigma) {
      const out = new Float64Array(checkState(x, d, sigma) * kCount);
      evaluate(x, sigma, null, out, null);
      return out;
    },
  };
}

/** The optimal denoiser for a Gaussian mixture (state flat, n points × d). */
export function mixtureDenoiser(m: GaussianMixture): Denoiser<Float64Array> {
  return gaussianMixtureModel(m).denoise;
}
