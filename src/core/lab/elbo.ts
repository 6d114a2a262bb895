import { normals } from '../rng';
import type { Denoiser } from '../samplers/types';
import type { DiscreteVPSchedule } from '../schedules/discreteVP';

/**
 * The DDPM variational bound (Ho et al. 2020, eq. 5) of a discrete VP chain whose reverse
 * steps use an exact (or any) denoiser, in nats per data point:
 *   −log p(x0) ≤ L_T + Σ_{t=2}^{T} L_{t−1} + L_0,
 *   L_T     = KL(q(x_T | x0) ‖ N(0, I))                                  (closed form),
 *   L_{t−1} = E_q KL(q(x_{t−1} | x_t, x0) ‖ p(x_{t−1} | x_t))
 *           = E_q c_t²|x0 − x̂0(x_t)|² / (2β̃_t),  c_t = sqrt(ᾱ_{t−1})β_t/(1 − ᾱ_t),
 *     since both Gaussians share the variance β̃_t = (1 − ᾱ_{t−1})β_t/(1 − ᾱ_t) and the model's
 *     mean is the posterior mean (eq. 7) with x̂0 = D(x_t/sqrt(ᾱ_t), σ_t) in place of x0;
 *   L_0     = E_q −log N(x0; x̂0(x_1), β_1 I), a continuous Gaussian decoder (the 2D data are
 *     continuous, so no discretised decoder): the mean at t = 1 is exactly x̂0, and the
 *     variance is β_1 (Ho et al.'s σ_t² = β_t; β̃_1 = 0).
 * The expectations over x_t ~ q(x_t | x0) are Monte Carlo with `samples` seeded draws per point.
 * Time t runs 1..T as in the paper; the schedule's 0-based arrays hold t at index t − 1.
 */
export interface ElboTerms {
  /** Mean over points, nats. */
  lT: number;
  /** lt[k − 1] = L_k for k = 1..T−1 (the KL at the reverse step x_{k+1} → x_k), mean over points. */
  lt: Float64Array;
  l0: number;
  /** L_T + Σ L_k + L_0, mean over points. */
  total: number;
  /** The bound per point. */
  perPoint: Float64Array;
}

export interface ElboOptions {
  samples: number;
  seed: number;
  dim?: number;
}

/** Stream keys of the Monte Carlo noise, one per t, apart from the sampler streams. */
const ELBO_STREAM = 0xe1b0_0000;

export function ddpmElbo(
  denoise: Denoiser<Float64Array>,
  x0: Float64Array,
  schedule: DiscreteVPSchedule,
  options: ElboOptions,
): ElboTerms {
  const { samples, dim = 2 } = options;
  if (!Number.isInteger(samples) || samples < 1)
    throw new Error(`ddpmElbo: samples must be a positive integer, got ${samples}`);
  const n = x0.length / dim;
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`ddpmElbo: data length ${x0.length} is not a positive multiple of ${dim}`);
  const T = schedule.numTrainTimesteps;
  const ab = (t: number) => (t === 0 ? 1 : schedule.alphasCumprod[t - 1]);
  const beta = (t: number) => schedule.betas[t - 1];
  const perPoint = new Float64Array(n);

  // L_T, per point: ½ Σ_c [(1 − ᾱ_T) + ᾱ_T x0_c² − 1 − log(1 − ᾱ_T)].
  const abT = ab(T);
  let lT = 0;
  for (let p = 0; p < n; p++) {
    let r2 = 0;
    for (let c = 0; c < dim; c++) r2 += x0[p * dim + c] ** 2;
    const v = 0.5 * (abT * r2 - dim * (abT + Math.log1p(-abT)));
    perPoint[p] += v;
    lT += v / n;
  }

  const meanSquaredError = (t: number) =>
    denoisingErrors(denoise, x0, t, Math.sqrt((1 - ab(t)) / ab(t)), options);

  const lt = new Float64Array(T - 1);
  for (let t = 2; t <= T; t++) {
    const betaTilde = ((1 - ab(t - 1)) / (1 - ab(t))) * beta(t);
    const coef = (Math.sqrt(ab(t - 1)) * beta(t)) / (1 - ab(t));
    const mse = meanSquaredError(t);
    for (let p = 0; p < n; p++) {
      const v = (coef * coef * mse[p]) / (2 * betaTilde);
      perPoint[p] += v;
      lt[t - 2] += v / n;
    }
  }

  const mse1 = meanSquaredError(1);
  let l0 = 0;
  for (let p = 0; p < n; p++) {
    const v = mse1[p] / (2 * beta(1)) + (dim / 2) * Math.log(2 * Math.PI * beta(1));
    perPoint[p] += v;
    l0 += v / n;
  }
  const total = perPoint.reduce((a, b) => a + b, 0) / n;
  return { lT, lt, l0, total, perPoint };
}

/**
 * Per point, the Monte Carlo mean of |x0 − x̂0(x_t)|² over x = x0 + σ ε at timestep t (1..T),
 * `samples` draws per point from the stream of t.
 */
export function denoisingErrors(
  denoise: Denoiser<Float64Array>,
  x0: Float64Array,
  t: number,
  sigma: number,
  options: ElboOptions,
): Float64Array {
  const { samples, seed, dim = 2 } = options;
  const n = x0.length / dim;
  const eps = normals(seed, ELBO_STREAM + t, n * samples * dim);
  const x = new Float64Array(eps.length);
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < n * dim; i++) x[s * n * dim + i] = x0[i] + sigma * eps[s * n * dim + i];
  }
  const xHat = denoise(x, sigma);
  const out = new Float64Array(n);
  for (let s = 0; s < samples; s++) {
    for (let p = 0; p < n; p++) {
      let e2 = 0;
      for (let c = 0; c < dim; c++) e2 += (x0[p * dim + c] - xHat[(s * n + p) * dim + c]) ** 2;
      out[p] += e2 / samples;
    }
  }
  return out;
}
