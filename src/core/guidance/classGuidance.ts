import type { GaussianMixture } from '../denoisers/gaussianMixture';
import type { Denoiser } from '../samplers/types';
import { spdInverse } from './halfPlaneMixture';

/** The component count of a 2D mixture, once k is checked to be one of its classes. */
function checkClass(mixture: GaussianMixture, k: number): number {
  const K = mixture.weights.length;
  if (mixture.means[0].length !== 2) throw new Error('class guidance: 2D mixtures only');
  if (!(Number.isInteger(k) && k >= 0 && k < K))
    throw new Error(`the class must be a component 0..${K - 1} of the mixture, got ${k}`);
  return K;
}

/**
 * The labelled 2D toy sets: a Gaussian mixture's component is its class y, so p(x0 | y = k) =
 * N(μ_k, C_k) and the exact classifier of noised points is the posterior responsibility
 * p(y = k | x_σ) = r_k(x). Its input gradient, with Σ_j = C_j + σ²I and s_j = −Σ_j⁻¹(x − μ_j)
 * the components' scores, is ∇log p(y = k | x_σ) = s_k − Σ_j r_j s_j.
 */
export function mixtureClassifierGradient(
  mixture: GaussianMixture,
  k: number,
): (x: Float64Array, sigma: number) => Float64Array {
  const K = checkClass(mixture, k);
  let cached: { sigma: number; inv: Float64Array[]; logNorm: Float64Array } | null = null;
  const noised = (sigma: number) => {
    if (cached?.sigma === sigma) return cached;
    const logNorm = new Float64Array(K);
    const inv = mixture.covs.map((c, j) => {
      const r = spdInverse(c.map((row, a) => row.map((v, b) => v + (a === b ? sigma * sigma : 0))));
      logNorm[j] = Math.log(mixture.weights[j]) - r.halfLogDet;
      return r.inv;
    });
    cached = { sigma, inv, logNorm };
    return cached;
  };
  return (x, sigma) => {
    const { inv, logNorm } = noised(sigma);
    const out = new Float64Array(x.length);
    const logW = new Float64Array(K);
    const s = new Float64Array(2 * K);
    for (let p = 0; p < x.length / 2; p++) {
      let max = -Infinity;
      for (let j = 0; j < K; j++) {
        const e0 = x[2 * p] - mixture.means[j][0];
        const e1 = x[2 * p + 1] - mixture.means[j][1];
        const m = inv[j];
        s[2 * j] = -(m[0] * e0 + m[1] * e1);
        s[2 * j + 1] = -(m[2] * e0 + m[3] * e1);
        logW[j] = logNorm[j] + 0.5 * (e0 * s[2 * j] + e1 * s[2 * j + 1]);
        if (logW[j] > max) max = logW[j];
      }
      let total = 0;
      for (let j = 0; j < K; j++) total += Math.exp(logW[j] - max);
      let m0 = 0;
      let m1 = 0;
      for (let j = 0; j < K; j++) {
        const r = Math.exp(logW[j] - max) / total;
        m0 += r * s[2 * j];
        m1 += r * s[2 * j + 1];
      }
      out[2 * p] = s[2 * k] - m0;
      out[2 * p + 1] = s[2 * k + 1] - m1;
    }
    return out;
  };
}

/**
 * Classifier guidance (Dhariwal & Nichol 2021, Algorithm 1 and eq. 2–3, written for the
 * denoiser): D_w(x, σ) = D(x, σ) + w·σ²∇log p(y | x_σ), with the exact mixture classifier's
 * gradient. At w = 1 on the exact model it is the exact class-conditional denoiser
 * x + σ²∇log p_σ(x | y); on a network it adds the exact classifier to the network's D.
 */
export function classifierGuided(
  denoise: Denoiser<Float64Array>,
  gradient: (x: Float64Array, sigma: number) => Float64Array,
  scale: number,
): Denoiser<Float64Array> {
  return (x, sigma) => {
    const d = denoise(x, sigma);
    if (sigma <= 0 || scale === 0) return d;
    const g = gradient(x, sigma);
    return d.map((v, i) => v + scale * sigma * sigma * g[i]);
  };
}

/**
 * Classifier-free guidance (Ho & Salimans 2022, eq. 6) on the exact models:
 * D_w = D + w·(D_k − D), D_k the denoiser of component k alone (the exact class-conditional
 * model). For exact models D_k − D = σ²∇log p(y = k | x_σ), so it equals classifier guidance
 * at the same w; the two differ only for learned models.
 */
export function mixtureCfg(
  mixture: GaussianMixture,
  denoise: Denoiser<Float64Array>,
  k: number,
  scale: number,
): Denoiser<Float64Array> {
  const component: GaussianMixture = {
    weights: [1],
    means: [mixture.means[k]],
    covs: [mixture.covs[k]],
  };
  checkClass(mixture, k);
  const conditional = componentDenoiser(component);
  return (x, sigma) => {
    const d = denoise(x, sigma);
    const dk = conditional(x, sigma);
    return d.map((v, i) => v + scale * (dk[i] - v));
  };
}

/** The denoiser of one Gaussian N(μ, C): μ + C(C + σ²I)⁻¹(x − μ) = x − σ²Σ⁻¹(x − μ). */
function componentDenoiser(g: GaussianMixture): Denoiser<Float64Array> {
  const mu = g.means[0];
  return (x, sigma) => {
    if (sigma <= 0) return Float64Array.from(x);
    const { inv } = spdInverse(
      g.covs[0].map((row, a) => row.map((v, b) => v + (a === b ? sigma * sigma : 0))),
    );
    const out = new Float64Array(x.length);
    for (let p = 0; p < x.length / 2; p++) {
      const e0 = x[2 * p] - mu[0];
      const e1 = x[2 * p + 1] - mu[1];
      out[2 * p] = x[2 * p] - sigma * sigma * (inv[0] * e0 + inv[1] * e1);
      out[2 * p + 1] = x[2 * p + 1] - sigma * sigma * (inv[2] * e0 + inv[3] * e1);
    }
    return out;
  };
}
