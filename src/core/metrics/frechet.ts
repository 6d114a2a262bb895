import { sqrtPsd, symmetricEigen } from './eigen';

/** Sample mean and covariance (normalised by n − 1, as numpy's np.cov) of n rows of d features. */
export interface Moments {
  dim: number;
  mean: Float64Array;
  /** Row-major d×d. */
  cov: Float64Array;
}

export function moments(rows: ArrayLike<number>, n: number, d: number): Moments {
  if (rows.length !== n * d) throw new Error(`moments: ${rows.length} values for ${n}×${d}`);
  if (n < 2) throw new Error(`moments: need at least 2 rows, got ${n}`);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) mean[k] += rows[i * d + k] / n;
  const cov = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < d; k++) centred[k] = rows[i * d + k] - mean[k];
    for (let a = 0; a < d; a++) {
      const ca = centred[a] / (n - 1);
      if (ca === 0) continue;
      for (let b = a; b < d; b++) cov[a * d + b] += ca * centred[b];
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) cov[a * d + b] = cov[b * d + a];
  return { dim: d, mean, cov };
}

/**
 * Fréchet distance between the Gaussians N(μ₁, Σ₁) and N(μ₂, Σ₂) (Dowson & Landau 1982; the
 * FID of Heusel et al. 2017 on network features):
 *   ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2 tr (Σ₁Σ₂)^{1/2}.
 * Σ₁Σ₂ is similar to the PSD matrix S = Σ₁^{1/2} Σ₂ Σ₁^{1/2}, so tr (Σ₁Σ₂)^{1/2} = Σ √λ_i(S), both
 * square roots by symmetric eigen-decomposition (no complex parts to discard, unlike scipy's sqrtm).
 */
export function frechetDistance(a: Moments, b: Moments): number {
  const d = a.dim;
  if (b.dim !== d) throw new Error(`frechetDistance: dimensions ${a.dim} and ${b.dim} differ`);
  let meanTerm = 0;
  let traces = 0;
  for (let k = 0; k < d; k++) {
    meanTerm += (a.mean[k] - b.mean[k]) ** 2;
    traces += a.cov[k * d + k] + b.cov[k * d + k];
  }
  const root = sqrtPsd(a.cov, d);
  const s = multiply(multiply(root, b.cov, d), root, d);
  symmetrise(s, d);
  const { values } = symmetricEigen(s, d);
  let traceRoot = 0;
  for (const l of values) traceRoot += Math.sqrt(Math.max(0, l));
  // Rounding can leave a tiny negative value for identical inputs.
  return Math.max(0, meanTerm + traces - 2 * traceRoot);
}

function multiply(x: Float64Array, y: Float64Array, d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < d; k++) {
      const xik = x[i * d + k];
      if (xik === 0) continue;
      for (let j = 0; j < d; j++) out[i * d + j] += xik * y[k * d + j];
    }
  }
  return out;
}

function symmetrise(m: Float64Array, d: number): void {
  for (let i = 0; i < d; i++) {
    for (let j = i + 1; j < d; j++) {
      const v = 0.5 * (m[i * d + j] + m[j * d + i]);
      m[i * d + j] = v;
      m[j * d + i] = v;
    }
  }
}
