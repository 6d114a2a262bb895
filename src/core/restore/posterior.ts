import type { GaussianMixture } from '../denoisers/gaussianMixture';
import { cholesky } from '../denoisers/cholesky';
import type { Mat } from './matrix';

/**
 * The exact posterior of a Gaussian-mixture prior Σ_k w_k N(μ_k, C_k) under a linear-Gaussian
 * measurement y = A·x + σ_y·n (Bishop 2006, PRML, eq. 2.113–2.117 per component, with the
 * evidence N(y; Aμ_k, A C_k Aᵀ + σ_y²I) reweighting the components):
 *   S_k = A C_k Aᵀ + σ_y²I,  K_k = C_k Aᵀ S_k⁻¹,
 *   μ′_k = μ_k + K_k (y − Aμ_k),  C′_k = C_k − K_k A C_k,  w′_k ∝ w_k N(y; Aμ_k, S_k).
 * Its denoiser is the exact posterior denoiser E[x0 | x_σ, y] = D(x) + σ²∇log p(y | x_σ): the
 * exact guidance that approximate solvers (DPS, ΠGDM) estimate.
 */
export function posteriorMixture(
  prior: GaussianMixture,
  a: Mat,
  y: readonly number[],
  sigmaY: number,
): GaussianMixture {
  const m = a.rows;
  const d = a.cols;
  const A = (i: number, j: number) => a.data[i * d + j];
  const logW: number[] = [];
  const means: number[][] = [];
  const covs: number[][][] = [];
  prior.weights.forEach((w, k) => {
    const c = prior.covs[k];
    const mu = prior.means[k];
    // CAᵀ (d×m), S = A·CAᵀ + σ_y²I (m×m)
    const cat = c.map((row) =>
      Array.from({ length: m }, (_, j) => row.reduce((s, v, l) => s + v * A(j, l), 0)),
    );
    const s = Array.from({ length: m }, (_, i) =>
      Array.from(
        { length: m },
        (_, j) => cat.reduce((t, row, l) => t + A(i, l) * row[j], 0) + (i === j ? sigmaY ** 2 : 0),
      ),
    );
    const l = cholesky(s);
    const solve = (b: number[]): number[] => {
      const z = new Array<number>(m).fill(0);
      for (let i = 0; i < m; i++) {
        let v = b[i];
        for (let j = 0; j < i; j++) v -= l[i * m + j] * z[j];
        z[i] = v / l[i * m + i];
      }
      const out = new Array<number>(m).fill(0);
      for (let i = m - 1; i >= 0; i--) {
        let v = z[i];
        for (let j = i + 1; j < m; j++) v -= l[j * m + i] * out[j];
        out[i] = v / l[i * m + i];
      }
      return out;
    };
    const resid = Array.from(
      { length: m },
      (_, i) => y[i] - mu.reduce((t, v, j) => t + A(i, j) * v, 0),
    );
    const sr = solve(resid);
    let halfLogDet = 0;
    for (let i = 0; i < m; i++) halfLogDet += Math.log(l[i * m + i]);
    logW.push(Math.log(w) - halfLogDet - 0.5 * resid.reduce((t, v, i) => t + v * sr[i], 0));
    means.push(mu.map((v, i) => v + cat[i].reduce((t, u, j) => t + u * sr[j], 0)));
    // C′ = C − CAᵀ S⁻¹ A C, column by column of A C = (CAᵀ)ᵀ
    const gain = Array.from({ length: d }, (_, j) => solve(cat[j]));
    covs.push(
      c.map((row, i) => row.map((v, j) => v - cat[i].reduce((t, u, q) => t + u * gain[j][q], 0))),
    );
  });
  const top = Math.max(...logW);
  const raw = logW.map((v) => Math.exp(v - top));
  const total = raw.reduce((s, v) => s + v, 0);
  return { weights: raw.map((v) => v / total), means, covs };
}
