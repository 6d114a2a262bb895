import type { ChainStep } from './chain';

/**
 * The exact reverse step for Gaussian data x0 ~ N(m, s²) in each dimension (the oracle of the
 * learned-variance tests). x_t = sqrt(ᾱ)x0 + sqrt(1 − ᾱ)ε has variance V(ᾱ) = ᾱs² + 1 − ᾱ, and
 * x_i = sqrt(α)x_{i−1} + sqrt(β)z with α = ᾱ_i/ᾱ_{i−1}, so (x_{i−1}, x_i) is jointly Gaussian
 * with covariance sqrt(α)·V_{i−1}, and q(x_{i−1} | x_i) is Gaussian with
 *   variance V_{i−1} − α·V_{i−1}²/V_i = V_{i−1}·β/V_i,
 *   mean     sqrt(ᾱ_{i−1})m + sqrt(α)(V_{i−1}/V_i)(x_i − sqrt(ᾱ_i)m).
 * s = 1 gives V ≡ 1 and the variance β; s → 0 gives V = 1 − ᾱ and β̃.
 */
export function gaussianReverse(step: ChainStep, m: number, s: number) {
  const V = (ab: number) => ab * s * s + 1 - ab;
  const [vPrev, vNow] = [V(step.alphaBarPrev), V(step.alphaBar)];
  const gain = (step.sqrtAlpha * vPrev) / vNow;
  return {
    variance: (vPrev * step.beta) / vNow,
    mean: (xt: number) =>
      Math.sqrt(step.alphaBarPrev) * m + gain * (xt - Math.sqrt(step.alphaBar) * m),
    /** E[ε | x_t], the ideal ε̂ (Tweedie's formula for this prior). */
    eps: (xt: number) =>
      (Math.sqrt(1 - step.alphaBar) * (xt - Math.sqrt(step.alphaBar) * m)) / vNow,
  };
}
