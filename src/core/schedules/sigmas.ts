/**
 * σ grids for N-step samplers, as k-diffusion's sampling.py builds them: N decreasing
 * noise levels from σ_max to σ_min followed by a final 0 (`append_zero`), N + 1 values.
 */

/** linspace(a, b, n) with both endpoints exact (torch.linspace / np.linspace). */
function linspace(a: number, b: number, n: number): number[] {
  if (n === 1) return [a];
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? b : a + ((b - a) * i) / (n - 1)));
}

function checkRange(who: string, n: number, sigmaMin: number, sigmaMax: number): void {
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${who}: n must be a positive integer, got ${n}`);
  if (!(sigmaMin > 0 && sigmaMax > sigmaMin)) {
    throw new Error(`${who}: need 0 < sigmaMin < sigmaMax, got ${sigmaMin}, ${sigmaMax}`);
  }
}

/**
 * Karras et al. 2022, eq. 5: σ_i = (σ_max^{1/ρ} + i/(N−1)·(σ_min^{1/ρ} − σ_max^{1/ρ}))^ρ.
 * ρ = 7 is EDM's choice; ρ = 1 is uniform in σ, ρ → ∞ tends to the exponential grid.
 */
export function karrasSigmas(n: number, sigmaMin: number, sigmaMax: number, rho = 7): number[] {
  checkRange('karrasSigmas', n, sigmaMin, sigmaMax);
  const lo = sigmaMin ** (1 / rho);
  const hi = sigmaMax ** (1 / rho);
  return [...linspace(0, 1, n).map((r) => (hi + r * (lo - hi)) ** rho), 0];
}

/** Uniform in log σ (k-diffusion get_sigmas_exponential). */
export function exponentialSigmas(n: number, sigmaMin: number, sigmaMax: number): number[] {
  checkRange('exponentialSigmas', n, sigmaMin, sigmaMax);
  return [...linspace(Math.log(sigmaMax), Math.log(sigmaMin), n).map(Math.exp), 0];
}

/** log σ = log σ_min + r^ρ·(log σ_max − log σ_min), r from 1 to 0 (get_sigmas_polyexponential). */
export function polyexponentialSigmas(
  n: number,
  sigmaMin: number,
  sigmaMax: number,
  rho = 1,
): number[] {
  checkRange('polyexponentialSigmas', n, sigmaMin, sigmaMax);
  const span = Math.log(sigmaMax) - Math.log(sigmaMin);
  return [...linspace(1, 0, n).map((r) => Math.exp(r ** rho * span + Math.log(sigmaMin))), 0];
}

/**
 * Uniform in log-SNR λ = log(α_t/σ_t) (DPM-Solver's "logSNR" skip type). In k-diffusion
 * coordinates λ = −log σ, so this is the exponential grid, built here from λ.
 */
export function logSnrUniformSigmas(n: number, sigmaMin: number, sigmaMax: number): number[] {
  checkRange('logSnrUniformSigmas', n, sigmaMin, sigmaMax);
  return [
    ...linspace(-Math.log(sigmaMax), -Math.log(sigmaMin), n).map((lambda) => Math.exp(-lambda)),
    0,
  ];
}

/**
 * The continuous VP SDE at uniformly spaced t from 1 down to ε_s (get_sigmas_vp):
 * σ(t) = sqrt(exp(½β_d t² + β_min t) − 1).
 */
export function vpSigmas(n: number, betaD = 19.9, betaMin = 0.1, epsS = 1e-3): number[] {
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`vpSigmas: n must be a positive integer, got ${n}`);
  return [
    ...linspace(1, epsS, n).map((t) => Math.sqrt(Math.expm1(0.5 * betaD * t * t + betaMin * t))),
    0,
  ];
}
