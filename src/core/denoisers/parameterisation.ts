import type { ArrayOps } from '../ops';
import type { Denoiser } from '../samplers/types';
import type { Process } from '../schedules/process';

/**
 * Adapters between what a network predicts and the denoiser D(x, σ) ≈ E[x0 | x] in
 * k-diffusion coordinates x = x0 + σε. A network sees the process's own state
 * x_t = s(t)·x and time t = tOfSigma(σ) (k-diffusion's DiscreteEpsDDPMDenoiser /
 * DiscreteVDDPMDenoiser for a discrete VP schedule).
 *
 * Every prediction is affine in the denoiser: D = a·x + b·out, with
 *  - eps   (ε̂):                     a = 1,            b = −σ
 *  - x0    (x̂0):                    a = 0,            b = 1
 *  - v     ((ε − σ·x0)/sqrt(1+σ²)):  a = 1/(1+σ²),     b = −σ/sqrt(1+σ²)
 *  - score (∇_{x_t} log p_t(x_t)):   a = 1,            b = s·σ²   (Tweedie: s·x0̂ = x_t + (sσ)²·score)
 * v is Salimans & Ho's v = α_t ε − σ_t x0 with α_t = 1/sqrt(1+σ²), σ_t = σ/sqrt(1+σ²): on
 * VP processes that is the usual v; on other processes it is the same function of (ε, x0, σ)
 * (k-diffusion's VDenoiser with σ_data = 1).
 */
export type Prediction = 'eps' | 'x0' | 'v' | 'score';

export const PREDICTIONS: readonly Prediction[] = ['eps', 'x0', 'v', 'score'];

/** A raw network: its output for state x_t (the process's coordinates) at the process's time t. */
export type RawModel<T> = (xt: T, t: number) => T;

/** D = a·x + b·out for a prediction at noise level σ and process scale s. */
export function predictionCoefficients(
  prediction: Prediction,
  sigma: number,
  scale = 1,
): { a: number; b: number } {
  switch (prediction) {
    case 'eps':
      return { a: 1, b: -sigma };
    case 'x0':
      return { a: 0, b: 1 };
    case 'v': {
      const r = Math.sqrt(1 + sigma * sigma);
      return { a: 1 / (r * r), b: -sigma / r };
    }
    case 'score':
      return { a: 1, b: scale * sigma * sigma };
    default:
      throw new Error(`unknown prediction "${String(prediction)}"`);
  }
}

/** The denoiser from a prediction `out` made at (x, σ): D = a·x + b·out. */
export function denoisedFromPrediction<T>(
  ops: ArrayOps<T>,
  prediction: Prediction,
  x: T,
  out: T,
  sigma: number,
  scale = 1,
): T {
  const { a, b } = predictionCoefficients(prediction, sigma, scale);
  return ops.lincomb([
    [a, x],
    [b, out],
  ]);
}

/**
 * The prediction a denoiser output implies: out = (D − a·x)/b. Needs σ > 0. With the default
 * scale 1, 'score' is ∇_x log p_σ(x) in k-diffusion coordinates; pass the process's s(t) for
 * the score of x_t.
 */
export function predictionFromDenoised<T>(
  ops: ArrayOps<T>,
  prediction: Prediction,
  x: T,
  denoised: T,
  sigma: number,
  scale = 1,
): T {
  if (!(sigma > 0)) throw new Error(`predictionFromDenoised: σ must be positive, got ${sigma}`);
  const { a, b } = predictionCoefficients(prediction, sigma, scale);
  return ops.lincomb([
    [1 / b, denoised],
    [-a / b, x],
  ]);
}

export interface ModelDenoiserOptions {
  /**
   * The time label the network receives for σ; defaults to process.tOfSigma. For a
   * discrete schedule trained on integer steps pass σ ↦ schedule.tOfSigma(σ, true)
   * (k-diffusion's `quantize`). The state scale always uses the exact time.
   */
  timeOfSigma?: (sigma: number) => number;
}

/** Wrap a raw eps / x0 / v / score network on `process` as a Denoiser in k-diffusion coordinates. */
export function denoiserFromModel<T>(
  ops: ArrayOps<T>,
  process: Process,
  prediction: Prediction,
  model: RawModel<T>,
  options: ModelDenoiserOptions = {},
): Denoiser<T> {
  const timeOf = options.timeOfSigma ?? ((sigma: number) => process.tOfSigma(sigma));
  return (x, sigma) => {
    const s = process.scale(process.tOfSigma(sigma));
    const xt = s === 1 ? x : ops.lincomb([[s, x]]);
    return denoisedFromPrediction(ops, prediction, x, model(xt, timeOf(sigma)), sigma, s);
  };
}
