import type { Process } from './process';

/**
 * Continuous-time SDEs of Song et al. 2021 (score_sde, sde_lib.py) and Karras et al.
 * 2022, each written in the EDM form x_t = s(t)(x0 + σ(t)ε): marginal mean coefficient
 * s(t), marginal std s(t)·σ(t), drift f(t) and squared diffusion g(t)².
 * The closed forms hold for every t ≥ 0, so tOfSigma is the exact inverse, not clamped to
 * [tMin, tMax] (which only bounds where samplers start and stop).
 */

export interface VPOptions {
  betaMin?: number;
  betaMax?: number;
  /** Smallest time used for sampling (score_sde's sampling_eps = 1e-3 for VP and sub-VP). */
  tMin?: number;
}

/**
 * Solve ½β_d t² + β_min t = L for t ≥ 0 (L = −2 log s), written in the cancellation-free
 * form 2L / (β_min + sqrt(β_min² + 2β_d L)).
 */
function tOfIntegratedBeta(L: number, betaMin: number, betaD: number): number {
  return (2 * L) / (betaMin + Math.sqrt(betaMin * betaMin + 2 * betaD * L));
}

/**
 * VP SDE: dx = −½β(t)x dt + sqrt(β(t)) dW with β(t) = β_min + t(β_max − β_min).
 * log s(t) = −¼t²(β_max − β_min) − ½tβ_min (score_sde's log_mean_coeff), std = sqrt(1 − s²),
 * so σ(t) = sqrt(exp(½β_d t² + β_min t) − 1) (EDM Table 1).
 */
export function vpProcess(options: VPOptions = {}): Process {
  const betaMin = options.betaMin ?? 0.1;
  const betaD = (options.betaMax ?? 20) - betaMin;
  const tMin = options.tMin ?? 1e-3;
  const beta = (t: number) => betaMin + t * betaD;
  const integratedBeta = (t: number) => 0.5 * betaD * t * t + betaMin * t;
  return {
    id: 'vp',
    tMin,
    tMax: 1,
    scale: (t) => Math.exp(-0.5 * integratedBeta(t)),
    sigma: (t) => Math.sqrt(Math.expm1(integratedBeta(t))),
    tOfSigma: (sigma) => tOfIntegratedBeta(Math.log1p(sigma * sigma), betaMin, betaD),
    f: (t) => -0.5 * beta(t),
    g2: beta,
  };
}

/**
 * sub-VP SDE: dx = −½β(t)x dt + sqrt(β(t)(1 − exp(−2∫₀ᵗβ))) dW. Same mean coefficient s as
 * VP, std = 1 − s² = 1 − exp(−∫β), hence σ = (1 − s²)/s.
 */
export function subVpProcess(options: VPOptions = {}): Process {
  const betaMin = options.betaMin ?? 0.1;
  const betaD = (options.betaMax ?? 20) - betaMin;
  const tMin = options.tMin ?? 1e-3;
  const beta = (t: number) => betaMin + t * betaD;
  const integratedBeta = (t: number) => 0.5 * betaD * t * t + betaMin * t;
  return {
    id: 'subvp',
    tMin,
    tMax: 1,
    scale: (t) => Math.exp(-0.5 * integratedBeta(t)),
    // (1 − s²)/s = −expm1(−B)·exp(B/2), B = ∫β: accurate for small t.
    sigma: (t) => {
      const B = integratedBeta(t);
      return -Math.expm1(-B) * Math.exp(0.5 * B);
    },
    tOfSigma: (sigma) => {
      // s² + σs − 1 = 0 ⇒ s = 2/(σ + sqrt(σ² + 4)); then L = −2 log s.
      const L = 2 * Math.log((sigma + Math.sqrt(sigma * sigma + 4)) / 2);
      return tOfIntegratedBeta(L, betaMin, betaD);
    },
    f: (t) => -0.5 * beta(t),
    g2: (t) => -beta(t) * Math.expm1(-2 * integratedBeta(t)),
  };
}

export interface VEOptions {
  sigmaMin?: number;
  sigmaMax?: number;
  /** score_sde's sampling_eps for VE is 1e-5. */
  tMin?: number;
}

/**
 * VE SDE (SMLD): σ(t) = σ_min(σ_max/σ_min)^t, s = 1, f = 0,
 * g² = dσ²/dt = 2σ² log(σ_max/σ_min) (score_sde's diffusion is σ·sqrt(2 log(σ_max/σ_min))).
 * The EDM form takes std = σ(t), as score_sde's marginal_prob does.
 */
export function veProcess(options: VEOptions = {}): Process {
  const sigmaMin = options.sigmaMin ?? 0.01;
  const sigmaMax = options.sigmaMax ?? 50;
  const tMin = options.tMin ?? 1e-5;
  const logRatio = Math.log(sigmaMax / sigmaMin);
  const sigma = (t: number) => sigmaMin * Math.exp(t * logRatio);
  return {
    id: 've',
    tMin,
    tMax: 1,
    scale: () => 1,
    sigma,
    tOfSigma: (s) => Math.log(s / sigmaMin) / logRatio,
    f: () => 0,
    g2: (t) => 2 * sigma(t) ** 2 * logRatio,
  };
}

export interface EDMOptions {
  sigmaMin?: number;
  sigmaMax?: number;
}

/** EDM (Karras et al. 2022, §4): s = 1, σ(t) = t, so f = 0 and g² = 2t. Defaults 0.002 … 80. */
export function edmProcess(options: EDMOptions = {}): Process {
  const tMin = options.sigmaMin ?? 0.002;
  const tMax = options.sigmaMax ?? 80;
  return {
    id: 'edm',
    tMin,
    tMax,
    scale: () => 1,
    sigma: (t) => t,
    tOfSigma: (s) => s,
    f: () => 0,
    g2: (t) => 2 * t,
  };
}

/** Marginal std of x_t given x0: s(t)·σ(t). */
export function marginalStd(process: Process, t: number): number {
  return process.scale(t) * process.sigma(t);
}
