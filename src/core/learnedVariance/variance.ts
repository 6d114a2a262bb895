import type { ChainStep } from './chain';

/**
 * Improved DDPM's learned reverse variance (Nichol & Dhariwal 2021, §3.1, eq. 15):
 *   Σ_θ(x_t, t) = exp(v·log β_t + (1 − v)·log β̃_t),
 * one v per dimension. The network's raw output o maps to v = (o + 1)/2, as the authors'
 * code does (improved-diffusion, LEARNED_RANGE), so an untrained output of 0 starts halfway.
 */
export const vOfOutput = (o: number): number => (o + 1) / 2;

/** How a reverse step's variance is chosen: learned (eq. 15), or Ho et al.'s fixed β_t or β̃_t. */
export type VarianceChoice = 'learned' | 'beta' | 'betaTilde';
export const VARIANCE_CHOICES: readonly VarianceChoice[] = ['learned', 'beta', 'betaTilde'];

/** log Σ at one step: eq. 15 for 'learned' (v given), else the fixed bound. */
export function logVariance(step: ChainStep, choice: VarianceChoice, v = 0): number {
  const logBeta = Math.log(step.beta);
  const logBetaTilde = Math.log(step.betaTildeClipped);
  if (choice === 'beta') return logBeta;
  if (choice === 'betaTilde') return logBetaTilde;
  return v * logBeta + (1 - v) * logBetaTilde;
}

/** The v whose eq. 15 variance is `variance` (v outside [0, 1] extrapolates). */
export function vOfVariance(step: ChainStep, variance: number): number {
  const logBeta = Math.log(step.beta);
  const logBetaTilde = Math.log(step.betaTildeClipped);
  return (Math.log(variance) - logBetaTilde) / (logBeta - logBetaTilde);
}

/** KL(N(m1, e^{lv1}) ‖ N(m2, e^{lv2})) of one dimension, in nats. */
export function gaussianKl(m1: number, logVar1: number, m2: number, logVar2: number): number {
  return 0.5 * (logVar2 - logVar1 + (Math.exp(logVar1) + (m1 - m2) ** 2) / Math.exp(logVar2) - 1);
}

/** −log N(x; m, e^{lv}) of one dimension, in nats. */
export function gaussianNll(x: number, m: number, logVar: number): number {
  return 0.5 * (Math.log(2 * Math.PI) + logVar + (x - m) ** 2 / Math.exp(logVar));
}

/**
 * One term of the variational bound at step i for one dimension (Ho et al. 2020, eq. 5;
 * Nichol & Dhariwal 2021, eq. 4–6): for i > 1 L_{i−1} = KL(q(x_{i−1} | x_i, x0) ‖ p_θ(x_{i−1} | x_i)),
 * the posterior being N(μ̃, β̃); at i = 1 L_0 = −log p_θ(x0 | x1), a continuous Gaussian
 * decoder as the project's DDPM bound uses for 2D data (core/lab/elbo.ts).
 */
export function vlbTerm(
  step: ChainStep,
  i: number,
  x0: number,
  xt: number,
  mean: number,
  logVar: number,
): number {
  if (i === 1) return gaussianNll(x0, mean, logVar);
  const posteriorMean = step.coefX0 * x0 + step.coefXt * xt;
  return gaussianKl(posteriorMean, Math.log(step.betaTildeClipped), mean, logVar);
}

/** The model's reverse mean from its ε̂ (Ho et al. 2020, eq. 11). */
export const meanFromEps = (step: ChainStep, xt: number, eps: number): number =>
  (xt - step.epsCoef * eps) / step.sqrtAlpha;
