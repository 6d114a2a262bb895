/**
 * Noise-level grids and conversions shared by the exponential-integrator schedulers
 * (DPM-Solver multistep / singlestep, UniPC, DEIS), following diffusers'
 * scheduling_dpmsolver_multistep.py: a run is a grid of k-diffusion noise levels
 * σ_0 > … > σ_{n-1} plus a final σ_n, and each σ maps to VP coordinates
 * α = 1/√(σ²+1), σ_t = σ·α, λ = log α − log σ_t (half log-SNR).
 */
import { npArange, npLinspace, roundHalfEven } from './numpy';
import type { PredictionType } from './scheduler';
import type { TimestepSpacing } from './timestep-spacing';
import { karrasSigmas, sigmaToT, trainingSigmas } from './sigmas';

export interface VpPoint {
  alpha: number;
  sigma: number;
  lambda: number;
}

/** σ (k-diffusion) → (α_t, σ_t, λ_t); σ = 0 gives α = 1, σ_t = 0, λ = +∞. */
export function vpPoint(kSigma: number): VpPoint {
  const alpha = 1 / Math.sqrt(kSigma * kSigma + 1);
  const sigma = kSigma * alpha;
  return { alpha, sigma, lambda: Math.log(alpha) - Math.log(sigma) };
}

/**
 * Lu et al. 2022 (DPM-Solver) uniform-logSNR grid: log σ evenly spaced between the
 * largest and smallest training log σ, n points.
 */
export function uniformLogSnrSigmas(logSigmas: Float64Array, n: number): number[] {
  const hi = logSigmas[logSigmas.length - 1];
  const lo = logSigmas[0];
  return npLinspace(0, 1, n).map((r) => Math.exp(hi + r * (lo - hi)));
}

/**
 * The last usable training timestep + 1 once λ(t) < lambdaMin is cut off
 * (diffusers' `lambda_min_clipped`, for the cosine schedule): numTrain − #{t: λ_t < lambdaMin}.
 */
export function clippedTimestepCount(alphasCumprod: Float64Array, lambdaMin: number): number {
  let below = 0;
  for (const a of alphasCumprod) if (0.5 * Math.log(a) - 0.5 * Math.log(1 - a) < lambdaMin) below++;
  return alphasCumprod.length - below;
}

/**
 * Integer timesteps, descending, as the multistep solvers space them (Lin et al. 2024,
 * Table 2): linspace/leading drop the t = 0 end of an (n+1)-point grid over [0, last).
 */
export function solverTimesteps(
  spacing: TimestepSpacing,
  n: number,
  lastTimestep: number,
  numTrain: number,
  stepsOffset: number,
): number[] {
  switch (spacing) {
    case 'linspace':
      return npLinspace(0, lastTimestep - 1, n + 1)
        .map(roundHalfEven)
        .reverse()
        .slice(0, n);
    case 'leading': {
      const ratio = Math.floor(lastTimestep / (n + 1));
      return Array.from({ length: n + 1 }, (_, i) => i * ratio)
        .reverse()
        .slice(0, n)
        .map((t) => t + stepsOffset);
    }
    case 'trailing':
      return npArange(lastTimestep, 0, -numTrain / n).map((t) => roundHalfEven(t) - 1);
  }
}

export type SigmaSpacing = 'interp' | 'karras' | 'lu';
export type FinalSigma = 'zero' | 'sigma_min';

/** A run: model timesteps and the σ grid, one σ per timestep plus the final σ. */
export interface SigmaGrid {
  timesteps: number[];
  sigmas: Float64Array;
}

/**
 * diffusers' set_timesteps for this family: the spaced integer timesteps, their σ
 * (or a Karras / uniform-logSNR σ grid with timesteps read back through `sigmaToT`),
 * then the final σ (0, or the smallest training σ).
 */
export function buildSigmaGrid(opts: {
  alphasCumprod: Float64Array;
  timesteps: number[];
  sigmaSpacing: SigmaSpacing;
  finalSigma: FinalSigma;
}): SigmaGrid {
  const train = trainingSigmas(opts.alphasCumprod);
  const logSigmas = train.map(Math.log);
  const n = opts.timesteps.length;
  let timesteps = opts.timesteps;
  let sigmas: number[];
  if (opts.sigmaSpacing === 'interp') {
    sigmas = timesteps.map((t) => train[t]);
  } else {
    sigmas =
      opts.sigmaSpacing === 'karras'
        ? karrasSigmas(train[0], train[train.length - 1], n)
        : uniformLogSnrSigmas(logSigmas, n);
    timesteps = sigmas.map((s) => roundHalfEven(sigmaToT(s, logSigmas)));
  }
  const last = opts.finalSigma === 'zero' ? 0 : train[0];
  return { timesteps, sigmas: Float64Array.from([...sigmas, last]) };
}

/**
 * Position of timestep t in the run, as diffusers' `index_for_timestep` picks it: the
 * second match when t repeats (so a run started mid-schedule does not skip a σ), the
 * last step when t is absent.
 */
export function indexForTimestep(timesteps: readonly number[], t: number): number {
  const matches: number[] = [];
  timesteps.forEach((s, i) => {
    if (s === t) matches.push(i);
  });
  if (matches.length === 0) return timesteps.length - 1;
  return matches.length > 1 ? matches[1] : matches[0];
}

/** The model's output as a data prediction x̂0 (DPM-Solver++ / UniPC-x0 / DEIS work from it). */
export function toDataPrediction(
  kind: PredictionType,
  out: Float64Array,
  sample: Float64Array,
  p: VpPoint,
): Float64Array {
  switch (kind) {
    case 'epsilon':
      return sample.map((x, i) => (x - p.sigma * out[i]) / p.alpha);
    case 'sample':
      return Float64Array.from(out);
    case 'v_prediction':
      return sample.map((x, i) => p.alpha * x - p.sigma * out[i]);
  }
}

/** The model's output as a noise prediction ε̂ (DPM-Solver / UniPC-ε work from it). */
export function toNoisePrediction(
  kind: PredictionType,
  out: Float64Array,
  sample: Float64Array,
  p: VpPoint,
): Float64Array {
  switch (kind) {
    case 'epsilon':
      return Float64Array.from(out);
    case 'sample':
      return sample.map((x, i) => (x - p.alpha * out[i]) / p.sigma);
    case 'v_prediction':
      return sample.map((x, i) => p.alpha * out[i] + p.sigma * x);
  }
}

/** x̂0 from ε̂ at the same point: (x − σ_t ε̂)/α_t. */
export function dataFromNoise(eps: Float64Array, sample: Float64Array, p: VpPoint): Float64Array {
  return sample.map((x, i) => (x - p.sigma * eps[i]) / p.alpha);
}

/** ε̂ from x̂0 at the same point: (x − α_t x̂0)/σ_t. */
export function noiseFromData(x0: Float64Array, sample: Float64Array, p: VpPoint): Float64Array {
  return sample.map((x, i) => (x - p.alpha * x0[i]) / p.sigma);
}
