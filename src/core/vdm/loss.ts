/**
 * The variational bound of Variational Diffusion Models (Kingma et al. 2021) for continuous
 * d-dimensional data, in the variance-preserving form α² = sigmoid(−γ), σ² = sigmoid(γ)
 * (eq. 4 and §3.4), so SNR = α²/σ² = exp(−γ) and z_t = α_t·x + σ_t·ε.
 *   −log p(x) ≤ L_prior + L_recon + L_∞   (eq. 11, the continuous-time limit T → ∞)
 *   L_∞ = ½·E_{t∼U(0,1), ε}[γ′(t)·‖ε − ε̂(z_t; t)‖²]                        (eq. 17)
 *   L_prior = KL(q(z₁ | x) ‖ N(0, I)) = ½·Σ(σ₁² + α₁²x² − 1 − log σ₁²)
 *   L_recon = −E log p(x | z₀) with the Gaussian decoder N(x; z₀/α₀, e^{γ₀}·I), whose
 *   expectation is exact: ½·d·(log 2π + γ₀ + 1). (The paper's decoder is discrete, for 8-bit
 *   pixels; the 2D data here are continuous, so the decoder is Gaussian with variance σ₀²/α₀².)
 * Since L_∞ depends on γ only through its endpoints (eq. 20ff: a change of variables to
 * v = SNR), the interior of γ is free; VDM trains it to minimise the variance of the
 * Monte Carlo estimate of the bound (§5.2 and the appendix's variance minimisation).
 */

export const alphaSquared = (gamma: number): number => 1 / (1 + Math.exp(gamma));
export const sigmaSquared = (gamma: number): number => 1 / (1 + Math.exp(-gamma));

/** σ of k-diffusion's x = z/α: σ/α = exp(γ/2); and back, γ = 2·log σ. */
export const kSigmaOfGamma = (gamma: number): number => Math.exp(gamma / 2);
export const gammaOfKSigma = (sigma: number): number => 2 * Math.log(sigma);

/** One example's diffusion term ½·γ′(t)·‖ε − ε̂‖² (eq. 17 before the expectation). */
export function diffusionTerm(
  dgamma: number,
  eps: ArrayLike<number>,
  epsHat: ArrayLike<number>,
): number {
  let s = 0;
  for (let i = 0; i < eps.length; i++) s += (eps[i] - epsHat[i]) ** 2;
  return 0.5 * dgamma * s;
}

/** KL(q(z₁ | x) ‖ N(0, I)) for one example x at γ₁. */
export function priorTerm(gamma1: number, x: ArrayLike<number>): number {
  const a2 = alphaSquared(gamma1);
  const s2 = sigmaSquared(gamma1);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += s2 + a2 * x[i] * x[i] - 1 - Math.log(s2);
  return 0.5 * s;
}

/** −E log N(x; z₀/α₀, e^{γ₀}·I) over z₀ ∼ q(z₀ | x), for d dimensions. */
export function reconstructionTerm(gamma0: number, d: number): number {
  return 0.5 * d * (Math.log(2 * Math.PI) + gamma0 + 1);
}

/**
 * L_∞ in closed form for data N(μ, s²·I) in d dimensions and the exact ε-predictor: there
 * E‖ε − ε̂‖² given γ is d·s²·v/(s²·v + 1) with v = SNR = e^{−γ}, and with dγ = −dv/v eq. 17
 * becomes ½·d·∫ s²/(s²v + 1) dv over [SNR(1), SNR(0)] = ½·d·log((1 + s²e^{−γ₀})/(1 + s²e^{−γ₁})).
 */
export function gaussianDiffusionLoss(
  gamma0: number,
  gamma1: number,
  s2: number,
  d: number,
): number {
  return 0.5 * d * Math.log((1 + s2 * Math.exp(-gamma0)) / (1 + s2 * Math.exp(-gamma1)));
}

/**
 * VDM's low-discrepancy times (appendix, "low-discrepancy sampler"): t_i = (u₀ + i/n) mod 1 for one uniform u₀ per
 * batch, a stratified draw that lowers the estimator's variance at no cost.
 */
export function lowDiscrepancyTimes(u0: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => (u0 + i / n) % 1);
}

/** Mean and (unbiased) variance of per-example values. */
export function meanAndVariance(values: ArrayLike<number>): { mean: number; variance: number } {
  const n = values.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += values[i];
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (values[i] - m) ** 2;
  return { mean: m, variance: n > 1 ? v / (n - 1) : NaN };
}
