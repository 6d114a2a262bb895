import { alphasCumprod, makeBetas, rescaleZeroTerminalSnr, type BetaScheduleKind } from './betas';
import type { Process } from './process';

/**
 * A discrete VP schedule (DDPM/DDIM, diffusers' `alphas_cumprod`) in k-diffusion
 * coordinates σ_t = sqrt((1 − ᾱ_t)/ᾱ_t), with t the 0-based training index
 * (diffusers' timestep t uses ᾱ[t]). Between integers, log σ is interpolated linearly,
 * as k-diffusion's DiscreteSchedule.t_to_sigma / sigma_to_t do.
 */
export interface DiscreteVPOptions {
  kind: BetaScheduleKind;
  /** Number of training timesteps N (diffusers' num_train_timesteps). */
  numTrainTimesteps?: number;
  betaStart?: number;
  betaEnd?: number;
  /** Lin et al. 2024, Algorithm 1: rescale so the last timestep has zero SNR. */
  rescaleZeroSnr?: boolean;
}

export interface DiscreteVPSchedule extends Process {
  readonly numTrainTimesteps: number;
  readonly betas: Float64Array;
  readonly alphasCumprod: Float64Array;
  /** σ at each integer timestep, ascending (k-diffusion's DiscreteSchedule.sigmas). */
  readonly sigmas: Float64Array;
  alphaBar(t: number): number;
  /** log SNR = log(ᾱ/(1 − ᾱ)) = −2 log σ. */
  logSNR(t: number): number;
  /** β_t, linearly interpolated between the training β's. */
  beta(t: number): number;
  /** Inverse of sigma(t); with `quantize`, the nearest integer timestep in log σ. */
  tOfSigma(sigma: number, quantize?: boolean): number;
}

/**
 * Zero-terminal-SNR schedules end with ᾱ = 0, i.e. σ = ∞; diffusers' Euler-type
 * schedulers replace that last ᾱ with 2⁻²⁴ so the first σ stays finite. We do the same.
 */
const ZERO_SNR_ALPHA_BAR = 2 ** -24;

export function makeDiscreteVP(options: DiscreteVPOptions): DiscreteVPSchedule {
  const n = options.numTrainTimesteps ?? 1000;
  if (n < 2) throw new Error(`makeDiscreteVP: need at least 2 timesteps, got ${n}`);
  let betas = makeBetas(options.kind, n, options.betaStart, options.betaEnd);
  if (options.rescaleZeroSnr) betas = rescaleZeroTerminalSnr(betas);
  const ab = alphasCumprod(betas);
  if (options.rescaleZeroSnr) ab[n - 1] = ZERO_SNR_ALPHA_BAR;
  return discreteVPFromAlphasCumprod(betas, ab);
}

/** Build the schedule from given β's and ᾱ's (e.g. a model's shipped schedule). */
export function discreteVPFromAlphasCumprod(
  betas: Float64Array,
  alphaBars: Float64Array,
): DiscreteVPSchedule {
  const n = alphaBars.length;
  const sigmas = alphaBars.map((a) => Math.sqrt((1 - a) / a));
  const logSigmas = sigmas.map(Math.log);
  for (let i = 1; i < n; i++) {
    if (!(logSigmas[i] > logSigmas[i - 1])) throw new Error('discrete VP: σ must increase with t');
  }
  const tMax = n - 1;

  /** Segment index i (t ∈ [i, i+1]) and fraction w, clamped to [0, N − 1]. */
  const locate = (t: number): [number, number] => {
    const tc = Math.min(tMax, Math.max(0, t));
    const i = Math.min(Math.floor(tc), tMax - 1);
    return [i, tc - i];
  };
  const logSigma = (t: number): number => {
    const [i, w] = locate(t);
    return (1 - w) * logSigmas[i] + w * logSigmas[i + 1];
  };
  const sigma = (t: number): number => Math.exp(logSigma(t));
  const alphaBar = (t: number): number => 1 / (1 + sigma(t) ** 2);
  /**
   * The continuous-time VP rate β_c(t) = −d ln ᾱ/dt of the interpolated schedule:
   * with log σ linear on each segment (slope Δ), β_c = 2Δ·σ²/(1 + σ²). It makes
   * f = −β_c/2 and g² = β_c exact for this process (s² σ² = 1 − ᾱ solves the Lyapunov ODE).
   * At an integer knot the right-hand segment is used.
   */
  const betaContinuous = (t: number): number => {
    const [i] = locate(t);
    const slope = logSigmas[i + 1] - logSigmas[i];
    const s2 = sigma(t) ** 2;
    return (2 * slope * s2) / (1 + s2);
  };

  const tOfSigma = (s: number, quantize = false): number => {
    if (!(s > 0)) return 0;
    const ls = Math.log(s);
    if (quantize) {
      let best = 0;
      for (let i = 1; i < n; i++) {
        if (Math.abs(ls - logSigmas[i]) < Math.abs(ls - logSigmas[best])) best = i;
      }
      return best;
    }
    if (ls <= logSigmas[0]) return 0;
    if (ls >= logSigmas[tMax]) return tMax;
    let lo = 0;
    let hi = tMax;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (logSigmas[mid] <= ls) lo = mid;
      else hi = mid;
    }
    return lo + (ls - logSigmas[lo]) / (logSigmas[hi] - logSigmas[lo]);
  };

  return {
    id: 'discrete-vp',
    tMin: 0,
    tMax,
    numTrainTimesteps: n,
    betas,
    alphasCumprod: alphaBars,
    sigmas,
    sigma,
    alphaBar,
    scale: (t) => Math.sqrt(alphaBar(t)),
    logSNR: (t) => -2 * logSigma(t),
    beta: (t) => {
      const [i, w] = locate(t);
      return (1 - w) * betas[i] + w * betas[i + 1];
    },
    tOfSigma,
    f: (t) => -0.5 * betaContinuous(t),
    g2: betaContinuous,
  };
}
