/**
 * Shared arithmetic for the exponential-integrator samplers (DPM-Solver, DPM-Solver++,
 * UniPC, DEIS). In k-diffusion coordinates x = x0 + σ·ε the scale α is 1, so the
 * half-log-SNR is λ = −log σ, and a step from σ_s to σ_t has h = λ_t − λ_s = log(σ_s/σ_t).
 */

/** λ = −log σ (+∞ at σ = 0). */
export function lambdaOf(sigma: number): number {
  return -Math.log(sigma);
}

/** σ = e^{−λ}. */
export function sigmaOfLambda(lambda: number): number {
  return Math.exp(-lambda);
}

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

/**
 * φ_k(z) = ∫₀¹ e^{(1−θ)z} θ^{k−1}/(k−1)! dθ, so φ_0 = e^z, φ_1 = (e^z − 1)/z and
 * φ_{k+1}(z) = (φ_k(z) − 1/k!)/z. That recursion cancels badly for small |z|, where
 * the Taylor series φ_k(z) = Σ_m z^m/(m+k)! is used instead.
 */
export function phi(k: number, z: number): number {
  if (Math.abs(z) < 1) {
    let term = 1 / factorial(k);
    let sum = term;
    for (let m = 1; m < 40 && Math.abs(term) > 1e-18 * Math.abs(sum); m++) {
      term *= z / (m + k);
      sum += term;
    }
    return sum;
  }
  let value = Math.exp(z);
  for (let j = 0; j < k; j++) value = (value - 1 / factorial(j)) / z;
  return value;
}

/** Solves A·v = b for a small dense system (Gaussian elimination, partial pivoting). */
export function solveSmall(A: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const m = A.map((row, i) => [...row.slice(0, n), b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    if (m[col][col] === 0) throw new Error('solveSmall: singular system');
    for (let r = col + 1; r < n; r++) {
      const f = m[r][col] / m[col][col];
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  const v = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let c = r + 1; c < n; c++) s -= m[r][c] * v[c];
    v[r] = s / m[r][r];
  }
  return v;
}

/** Monomial coefficients (ascending powers) of the j-th Lagrange basis polynomial on `nodes`. */
function lagrangeBasisCoefficients(nodes: readonly number[], j: number): number[] {
  let coeffs = [1];
  for (let m = 0; m < nodes.length; m++) {
    if (m === j) continue;
    const d = nodes[j] - nodes[m];
    const next = new Array<number>(coeffs.length + 1).fill(0);
    for (let p = 0; p < coeffs.length; p++) {
      next[p + 1] += coeffs[p] / d;
      next[p] -= (coeffs[p] * nodes[m]) / d;
    }
    coeffs = next;
  }
  return coeffs;
}

/**
 * Weights c_j = ∫_{ρ_0}^{ρ_t} ℓ_j(log ρ) dρ, where ℓ_j is the Lagrange basis on the nodes
 * log ρ_0, log ρ_1, … (ρ_0 the current noise level, the rest older ones). This is the
 * "logρ" DEIS coefficient (Zhang & Chen 2023, tAB-DEIS with ε interpolated in log ρ).
 * With v = log(ρ/ρ_0) and h = log(ρ_0/ρ_t):  ∫₀^{−h} v^k e^v dv = (−h)^{k+1} e^{−h} k! φ_{k+1}(h),
 * so c_j = ρ_t Σ_k a_{jk} k! (−h)^{k+1} φ_{k+1}(h) for ℓ_j(v) = Σ_k a_{jk} v^k.
 */
export function logRhoIntegralWeights(rhoT: number, rhos: readonly number[]): number[] {
  const nodes = rhos.map((r) => Math.log(r / rhos[0]));
  const h = Math.log(rhos[0] / rhoT);
  return rhos.map((_, j) => {
    const a = lagrangeBasisCoefficients(nodes, j);
    let c = 0;
    for (let k = 0; k < a.length; k++) c += a[k] * factorial(k) * (-h) ** (k + 1) * phi(k + 1, h);
    return rhoT * c;
  });
}
