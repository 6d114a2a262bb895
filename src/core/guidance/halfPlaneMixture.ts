import { cholesky } from '../denoisers/cholesky';
import type { GaussianMixture } from '../denoisers/gaussianMixture';
import { inverseMills, logNormalCdf } from '../normal';
import type { Denoiser } from '../samplers/types';
import { halfPlaneNormal, type Region } from './region';

/** Per component at one σ: Σ⁻¹ = (C + σ²I)⁻¹, τ = √(nᵀVn) with V = σ²CΣ⁻¹, and Vn/τ. */
interface Noised {
  sigma: number;
  inv: Float64Array[];
  tau: Float64Array;
  grad: Float64Array[];
  logNorm: Float64Array;
}

/** The d×d inverse of an SPD matrix by its Cholesky factor (d is 2 here). */
export function spdInverse(m: number[][]): { inv: Float64Array; halfLogDet: number } {
  const d = m.length;
  const l = cholesky(m);
  let halfLogDet = 0;
  for (let i = 0; i < d; i++) halfLogDet += Math.log(l[i * d + i]);
  const inv = new Float64Array(d * d);
  for (let col = 0; col < d; col++) {
    const z = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let v = i === col ? 1 : 0;
      for (let j = 0; j < i; j++) v -= l[i * d + j] * z[j];
      z[i] = v / l[i * d + i];
    }
    for (let i = d - 1; i >= 0; i--) {
      let v = z[i];
      for (let j = i + 1; j < d; j++) v -= l[j * d + i] * inv[j * d + col];
      inv[i * d + col] = v / l[i * d + i];
    }
  }
  return { inv, halfLogDet };
}

/**
 * Exact guidance to a half-plane R = {x0 : ⟨n, x0⟩ ≥ c} for a Gaussian-mixture prior: the
 * denoiser of the data restricted to R, D_R(x, σ) = E[x0 | x_σ = x, x0 ∈ R]
 * = D(x, σ) + σ²∇log P(x0 ∈ R | x_σ) (Tweedie's formula for p(x_σ | R) ∝ p_σ(x)·P(R | x);
 * the "∇log p(y | x_t)" term of classifier guidance, Dhariwal & Nichol 2021, eq. 2–3, with y
 * the event x0 ∈ R). Given x and component k the posterior of x0 is N(m_k, V_k) with
 * m_k = x − σ²Σ_k⁻¹(x − μ_k), V_k = σ²C_kΣ_k⁻¹ (Σ_k = C_k + σ²I), so along n it is a
 * truncated normal: P(R | x, k) = Φ(z_k), z_k = (⟨n, m_k⟩ − c)/τ_k, τ_k² = nᵀV_k n, and
 * E[x0 | x, k, R] = m_k + V_k n·λ(z_k)/τ_k with λ = φ/Φ the inverse Mills ratio. The mixture
 * weights become ω_k ∝ r_k(x)·Φ(z_k) (r_k the responsibilities), all in the log domain, so
 * D_R(x) = Σ_k ω_k (m_k + V_k n λ(z_k)/τ_k). Exact for every σ > 0; D_R(x, 0) = x.
 */
export function halfPlaneMixtureDenoiser(
  mixture: GaussianMixture,
  region: Extract<Region, { kind: 'half' }>,
): Denoiser<Float64Array> {
  const K = mixture.weights.length;
  const d = 2;
  if (mixture.means[0].length !== d) throw new Error('halfPlaneMixtureDenoiser: 2D mixtures only');
  const n = halfPlaneNormal(region);
  let cached: Noised | null = null;
  const noised = (sigma: number): Noised => {
    if (cached?.sigma === sigma) return cached;
    const s2 = sigma * sigma;
    const inv: Float64Array[] = [];
    const grad: Float64Array[] = [];
    const tau = new Float64Array(K);
    const logNorm = new Float64Array(K);
    mixture.covs.forEach((c, k) => {
      const { inv: si, halfLogDet } = spdInverse(
        c.map((row, i) => row.map((v, j) => v + (i === j ? s2 : 0))),
      );
      // G = C·Σ⁻¹ (symmetric: C and Σ commute), V = σ²G.
      const g = new Float64Array(d * d);
      for (let i = 0; i < d; i++)
        for (let j = 0; j < d; j++)
          for (let l = 0; l < d; l++) g[i * d + j] += c[i][l] * si[l * d + j];
      const vn = [0, 1].map((i) => s2 * (g[i * d] * n[0] + g[i * d + 1] * n[1]));
      tau[k] = Math.sqrt(Math.max(n[0] * vn[0] + n[1] * vn[1], 1e-300));
      inv.push(si);
      grad.push(Float64Array.from(vn, (v) => v / tau[k]));
      logNorm[k] = Math.log(mixture.weights[k]) - halfLogDet - Math.log(2 * Math.PI);
    });
    cached = { sigma, inv, tau, grad, logNorm };
    return cached;
  };
  return (x, sigma) => {
    if (sigma <= 0) return Float64Array.from(x);
    const { inv, tau, grad, logNorm } = noised(sigma);
    const s2 = sigma * sigma;
    const out = new Float64Array(x.length);
    const logW = new Float64Array(K);
    const post = new Float64Array(2 * K);
    for (let p = 0; p < x.length / d; p++) {
      const x0 = x[2 * p];
      const x1 = x[2 * p + 1];
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        const e0 = x0 - mixture.means[k][0];
        const e1 = x1 - mixture.means[k][1];
        const si = inv[k];
        const u0 = si[0] * e0 + si[1] * e1;
        const u1 = si[2] * e0 + si[3] * e1;
        const m0 = x0 - s2 * u0;
        const m1 = x1 - s2 * u1;
        const z = (n[0] * m0 + n[1] * m1 - region.offset) / tau[k];
        const lambda = inverseMills(z);
        post[2 * k] = m0 + grad[k][0] * lambda;
        post[2 * k + 1] = m1 + grad[k][1] * lambda;
        logW[k] = logNorm[k] - 0.5 * (e0 * u0 + e1 * u1) + logNormalCdf(z);
        if (logW[k] > max) max = logW[k];
      }
      let total = 0;
      for (let k = 0; k < K; k++) total += Math.exp(logW[k] - max);
      for (let k = 0; k < K; k++) {
        const w = Math.exp(logW[k] - max) / total;
        out[2 * p] += w * post[2 * k];
        out[2 * p + 1] += w * post[2 * k + 1];
      }
    }
    return out;
  };
}
