import { checkState } from './analytic';
import { cholesky } from './cholesky';
import type { GaussianMixture } from './gaussianMixture';

/**
 * A denoiser with its exact divergence ∇_x·D(x, σ), which the probability-flow likelihood
 * needs. By Tweedie's second-order identity ∂D/∂x = Cov[x0 | x]/σ², so
 * ∇·D = tr Cov[x0 | x]/σ² (Efron 2011, "Tweedie's formula and selection bias", eq. 2.8;
 * Meng et al. 2021, "Estimating high order gradients of the data distribution by denoising").
 */
export interface DivergenceModel {
  dim: number;
  /** D(x, σ) (n × dim) and ∇·D (n), for σ > 0. */
  evaluate(x: Float64Array, sigma: number): { denoised: Float64Array; divergence: Float64Array };
}

/**
 * Mixture Σ w_k N(μ_k, C_k), noised: Σ_k = C_k + σ²I, u_k = Σ_k⁻¹(x − μ_k), responsibilities r_k,
 * ū = Σ r_k u_k. Then D = x − σ²ū, and differentiating (∂r_k/∂x = r_k(ū − u_k)):
 *   ∇·D = d − σ²(Σ_k r_k tr Σ_k⁻¹ − Σ_k r_k |u_k − ū|²).
 */
export function mixtureDivergenceModel(m: GaussianMixture): DivergenceModel {
  const d = m.means[0].length;
  const kCount = m.weights.length;
  let cached: {
    sigma: number;
    inverses: Float64Array[];
    traces: Float64Array;
    logNorm: Float64Array;
  } | null = null;
  const noised = (sigma: number) => {
    if (cached && cached.sigma === sigma) return cached;
    const inverses: Float64Array[] = [];
    const traces = new Float64Array(kCount);
    const logNorm = new Float64Array(kCount);
    m.covs.forEach((c, k) => {
      const l = cholesky(c.map((row, i) => row.map((v, j) => (i === j ? v + sigma * sigma : v))));
      const inv = inverseFromCholesky(l, d);
      inverses.push(inv);
      let halfLogDet = 0;
      for (let i = 0; i < d; i++) {
        halfLogDet += Math.log(l[i * d + i]);
        traces[k] += inv[i * d + i];
      }
      logNorm[k] = Math.log(m.weights[k]) - halfLogDet;
    });
    cached = { sigma, inverses, traces, logNorm };
    return cached;
  };
  return {
    dim: d,
    evaluate(x, sigma) {
      const n = checkState(x, d, sigma);
      if (!(sigma > 0)) throw new Error(`divergence: needs σ > 0, got ${sigma}`);
      const { inverses, traces, logNorm } = noised(sigma);
      const denoised = new Float64Array(x.length);
      const divergence = new Float64Array(n);
      const u = new Float64Array(kCount * d);
      const logp = new Float64Array(kCount);
      const uBar = new Float64Array(d);
      for (let p = 0; p < n; p++) {
        let maxLog = -Infinity;
        for (let k = 0; k < kCount; k++) {
          let quad = 0;
          for (let i = 0; i < d; i++) {
            let s = 0;
            for (let j = 0; j < d; j++)
              s += inverses[k][i * d + j] * (x[p * d + j] - m.means[k][j]);
            u[k * d + i] = s;
            quad += s * (x[p * d + i] - m.means[k][i]);
          }
          logp[k] = logNorm[k] - 0.5 * quad;
          maxLog = Math.max(maxLog, logp[k]);
        }
        let total = 0;
        for (let k = 0; k < kCount; k++) total += logp[k] = Math.exp(logp[k] - maxLog);
        uBar.fill(0);
        let trace = 0;
        for (let k = 0; k < kCount; k++) {
          logp[k] /= total;
          trace += logp[k] * traces[k];
          for (let i = 0; i < d; i++) uBar[i] += logp[k] * u[k * d + i];
        }
        let spread = 0;
        for (let k = 0; k < kCount; k++) {
          for (let i = 0; i < d; i++) spread += logp[k] * (u[k * d + i] - uBar[i]) ** 2;
        }
        for (let i = 0; i < d; i++) denoised[p * d + i] = x[p * d + i] - sigma * sigma * uBar[i];
        divergence[p] = d - sigma * sigma * (trace - spread);
      }
      return { denoised, divergence };
    },
  };
}

/** Σ⁻¹ = L⁻ᵀL⁻¹ from the lower Cholesky factor (row-major d×d). */
function inverseFromCholesky(l: Float64Array, d: number): Float64Array {
  const lInv = new Float64Array(d * d);
  for (let c = 0; c < d; c++) {
    for (let i = c; i < d; i++) {
      let s = i === c ? 1 : 0;
      for (let j = c; j < i; j++) s -= l[i * d + j] * lInv[j * d + c];
      lInv[i * d + c] = s / l[i * d + i];
    }
  }
  const inv = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = Math.max(i, j); k < d; k++) s += lInv[k * d + i] * lInv[k * d + j];
      inv[i * d + j] = s;
    }
  }
  return inv;
}

/**
 * The empirical distribution (1/N) Σ δ(x − x_i): posterior weights w_i ∝ exp(−|x − x_i|²/2σ²),
 * D = Σ w_i x_i and ∇·D = Σ w_i |x_i − D|²/σ². Sums are taken relative to the nearest point,
 * so a posterior concentrated on one point neither underflows nor cancels.
 */
export function empiricalDivergenceModel(data: Float64Array, dim = 2): DivergenceModel {
  const points = Float64Array.from(data);
  const count = points.length / dim;
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`divergence: data length ${data.length} is not a positive multiple of ${dim}`);
  return {
    dim,
    evaluate(x, sigma) {
      const n = checkState(x, dim, sigma);
      if (!(sigma > 0)) throw new Error(`divergence: needs σ > 0, got ${sigma}`);
      const inv = 1 / (2 * sigma * sigma);
      const denoised = new Float64Array(x.length);
      const divergence = new Float64Array(n);
      const mean = new Float64Array(dim);
      for (let q = 0; q < n; q++) {
        let best = 0;
        let best2 = Infinity;
        for (let i = 0; i < count; i++) {
          let d2 = 0;
          for (let c = 0; c < dim; c++) d2 += (x[q * dim + c] - points[i * dim + c]) ** 2;
          if (d2 < best2) [best, best2] = [i, d2];
        }
        let total = 0;
        let second = 0;
        mean.fill(0);
        for (let i = 0; i < count; i++) {
          let d2 = 0;
          let y2 = 0;
          for (let c = 0; c < dim; c++) d2 += (x[q * dim + c] - points[i * dim + c]) ** 2;
          const w = Math.exp(-(d2 - best2) * inv);
          if (w === 0) continue;
          for (let c = 0; c < dim; c++) {
            const y = points[i * dim + c] - points[best * dim + c];
            mean[c] += w * y;
            y2 += y * y;
          }
          total += w;
          second += w * y2;
        }
        let meanSq = 0;
        for (let c = 0; c < dim; c++) {
          mean[c] /= total;
          meanSq += mean[c] * mean[c];
          denoised[q * dim + c] = points[best * dim + c] + mean[c];
        }
        divergence[q] = Math.max(0, second / total - meanSq) / (sigma * sigma);
      }
      return { denoised, divergence };
    },
  };
}
