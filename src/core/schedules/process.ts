/**
 * A linear diffusion process dx = f(t)·x dt + g(t) dW on t ∈ [tMin, tMax], written in
 * the EDM form x_t = s(t)·(x0 + σ(t)·ε) (Karras et al. 2022, eq. 10-12). The denoiser
 * D(x, σ) is the same function for every process: only s, σ and the time change differ.
 */
export interface Process {
  id: string;
  tMin: number;
  tMax: number;
  scale(t: number): number;
  sigma(t: number): number;
  /** Inverse of sigma(t) on [tMin, tMax]. */
  tOfSigma(sigma: number): number;
  /** Drift coefficient f(t) of dx = f(t)·x dt + g(t) dW. */
  f(t: number): number;
  /** Squared diffusion coefficient g(t)². */
  g2(t: number): number;
}
