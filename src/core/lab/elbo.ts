import { erfc } from '../normal';
import { normals, uniformAt } from '../rng';
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
 *   L_0     = E_q −log p(x0 | x_1) with the decoder's mean x̂0(x_1) (exact at t = 1) and
 *     variance β_1 (Ho et al.'s σ_t² = β_t; β̃_1 = 0): a continuous Gaussian N(x0; x̂0, β_1 I)
 *     for the 2D data, or for 8-bit images (x0 = v/127.5 − 1) Ho et al.'s discretised decoder,
 *     eq. 13, the Gaussian's mass on the pixel's bin [x0 − 1/255, x0 + 1/255], the end bins
 *     open to ±∞ — then the bound is on −log P(v) of the discrete image.
 * The expectations over x_t ~ q(x_t | x0) are Monte Carlo with `samples` seeded draws per point.
 * With `terms` K < T − 1 the sum Σ L_{t−1} is estimated by stratified sampling: t = 2..T in
 * at most K blocks of geometrically growing size (the terms fall off like 1/t, so the first
 * blocks are single terms), one seeded t per block, weighted by the block's size (unbiased).
 * Time t runs 1..T as in the paper; the schedule's 0-based arrays hold t at index t − 1.
 */
export interface ElboTerms {
  /** Mean over points, nats. */
  lT: number;
  /**
   * The evaluated L_k (the KL at the reverse step x_{k+1} → x_k), mean over points: with stride
   * 1, lt[k − 1] = L_k for k = 1..T−1; otherwise L_{k_i} at k_i = ltAt[i], weight ltWeight[i].
   */
  lt: Float64Array;
  ltAt: Int32Array;
  ltWeight: Int32Array;
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
  /** 'gaussian' (continuous data, default) or 'discretised' (8-bit images in [−1, 1]). */
  decoder?: 'gaussian' | 'discretised';
  /** At most this many evaluated terms L_{t−1} (default T − 1: every term). */
  terms?: number;
}

/** Half the bin width of 8-bit pixels v/127.5 − 1. */
const HALF_BIN = 1 / 255;

/**
 * log of N(μ, s²)'s mass on the bin of the pixel value x0 (Ho et al. 2020, eq. 13): each tail
 * probability from erfc directly, so a bin far from μ keeps its relative accuracy.
 */
export function logBinMass(x0: number, mu: number, s: number): number {
  const upper = x0 > 1 - HALF_BIN ? Infinity : (x0 + HALF_BIN - mu) / (s * Math.SQRT2);
  const lower = x0 < -1 + HALF_BIN ? -Infinity : (x0 - HALF_BIN - mu) / (s * Math.SQRT2);
  // Φ(b) − Φ(a) = ½[erfc(−b) − erfc(−a)] (scaled), or ½[erfc(a) − erfc(b)] in the upper tail.
  const mass =
    lower > 0
      ? 0.5 * (erfc(lower) - (upper === Infinity ? 0 : erfc(upper)))
      : 0.5 * ((upper === Infinity ? 2 : erfc(-upper)) - (lower === -Infinity ? 0 : erfc(-lower)));
  return Math.log(Math.max(mass, 1e-300));
}

/**
 * The first t of each stratum of t = 2..T, then T + 1: at most K strata with starts near
 * 2·((T + 1)/2)^(k/K), each at least one term long.
 */
function strata(T: number, K: number): number[] {
  if (K >= T - 1) return Array.from({ length: T }, (_, i) => i + 2);
  const starts = [2];
  for (let k = 1; starts[starts.length - 1] <= T; k++) {
    const next = Math.round(2 * ((T + 1) / 2) ** (k / K));
    starts.push(Math.min(T + 1, Math.max(starts[starts.length - 1] + 1, next)));
  }
  return starts;
}

/** Stream keys of the Monte Carlo noise, one per t, apart from the sampler streams. */
const ELBO_STREAM = 0xe1b0_0000;

/** The Monte Carlo draws x = x0 + σ ε at timestep t (`samples` × the points) and x̂0 of each. */
function denoisedDraws(
  denoise: Denoiser<Float64Array>,
  x0: Float64Array,
  t: number,
  sigma: number,
  { samples, seed, dim = 2 }: ElboOptions,
): Float64Array {
  const n = x0.length / dim;
  const eps = normals(seed, ELBO_STREAM + t, n * samples * dim);
  const x = new Float64Array(eps.length);
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < n * dim; i++) x[s * n * dim + i] = x0[i] + sigma * eps[s * n * dim + i];
  }
  return denoise(x, sigma);
}

/** Per point, the Monte Carlo mean of f(x0_i, x̂0_i) summed over the coordinates. */
function meanOverDraws(
  x0: Float64Array,
  xHat: Float64Array,
  { samples, dim = 2 }: ElboOptions,
  f: (a: number, b: number) => number,
): Float64Array {
  const n = x0.length / dim;
  const out = new Float64Array(n);
  for (let s = 0; s < samples; s++) {
    for (let p = 0; p < n; p++) {
      let e = 0;
      for (let c = 0; c < dim; c++) e += f(x0[p * dim + c], xHat[(s * n + p) * dim + c]);
      out[p] += e / samples;
    }
  }
  return out;
}

const squared = (a: number, b: number) => (a - b) ** 2;

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
  return meanOverDraws(x0, denoisedDraws(denoise, x0, t, sigma, options), options, squared);
}

export function ddpmElbo(
  denoise: Denoiser<Float64Array>,
  x0: Float64Array,
  schedule: DiscreteVPSchedule,
  options: ElboOptions,
): ElboTerms {
  const { samples, seed, dim = 2, decoder = 'gaussian' } = options;
  if (!Number.isInteger(samples) || samples < 1)
    throw new Error(`ddpmElbo: samples must be a positive integer, got ${samples}`);
  const n = x0.length / dim;
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`ddpmElbo: data length ${x0.length} is not a positive multiple of ${dim}`);
  const T = schedule.numTrainTimesteps;
  const terms = options.terms ?? T - 1;
  if (!Number.isInteger(terms) || terms < 1)
    throw new Error(`ddpmElbo: terms must be a positive integer, got ${terms}`);
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

  const denoisedAt = (t: number) =>
    denoisedDraws(denoise, x0, t, Math.sqrt((1 - ab(t)) / ab(t)), options);
  const meanOver = (xHat: Float64Array, f: (a: number, b: number) => number) =>
    meanOverDraws(x0, xHat, options, f);

  const starts = strata(T, terms);
  const blocks = starts.length - 1;
  const lt = new Float64Array(blocks);
  const ltAt = new Int32Array(blocks);
  const ltWeight = new Int32Array(blocks);
  for (let b = 0; b < blocks; b++) {
    const size = starts[b + 1] - starts[b];
    const t = starts[b] + Math.floor(uniformAt(seed, ELBO_STREAM - 1, b) * size);
    const betaTilde = ((1 - ab(t - 1)) / (1 - ab(t))) * beta(t);
    const coef = (Math.sqrt(ab(t - 1)) * beta(t)) / (1 - ab(t));
    const mse = meanOver(denoisedAt(t), squared);
    for (let p = 0; p < n; p++) {
      const v = (coef * coef * mse[p]) / (2 * betaTilde);
      perPoint[p] += size * v;
      lt[b] += v / n;
    }
    ltAt[b] = t - 1;
    ltWeight[b] = size;
  }

  const xHat1 = denoisedAt(1);
  const s1 = Math.sqrt(beta(1));
  const nll0 =
    decoder === 'discretised'
      ? meanOver(xHat1, (a, b) => -logBinMass(a, b, s1))
      : meanOver(xHat1, squared).map(
          (v) => v / (2 * beta(1)) + (dim / 2) * Math.log(2 * Math.PI * beta(1)),
        );
  let l0 = 0;
  for (let p = 0; p < n; p++) {
    perPoint[p] += nll0[p];
    l0 += nll0[p] / n;
  }
  const total = perPoint.reduce((a, b) => a + b, 0) / n;
  return { lT, lt, ltAt, ltWeight, l0, total, perPoint };
}
