/**
 * Helpers shared by the σ-parameterised schedulers (Euler, Euler ancestral, Heun, LMS):
 * training σ's, float timestep spacings, σ ↔ t conversion and the step cursor diffusers
 * keeps (`_step_index`). diffusers stores σ's and timesteps as float32; we round them the
 * same way (Math.fround) so timesteps compare equal to diffusers' printed values.
 */
import { npLinspace } from './numpy';
import { spacedTimesteps, type TimestepSpacing } from './timestep-spacing';

/** σ_t = sqrt((1 − ᾱ_t) / ᾱ_t) for every training timestep t (ascending in t), in float32 like diffusers. */
export function trainingSigmas(alphasCumprod: Float64Array): Float64Array {
  const f = Math.fround;
  return alphasCumprod.map((ab) => f(Math.sqrt(f(f(1 - ab) / ab))));
}

/**
 * Descending float timesteps as Euler-family `set_timesteps` builds them: linspace is not
 * rounded; leading and trailing are the integer spacings.
 */
export function floatTimesteps(
  spacing: TimestepSpacing,
  n: number,
  numTrain: number,
  stepsOffset: number,
): number[] {
  if (spacing !== 'linspace') return spacedTimesteps(spacing, n, numTrain, stepsOffset);
  return npLinspace(0, numTrain - 1, n)
    .map(Math.fround)
    .reverse();
}

/** np.interp(x, arange(fp.length), fp). */
export function interpIndex(x: number, fp: ArrayLike<number>): number {
  const last = fp.length - 1;
  if (x <= 0) return fp[0];
  if (x >= last) return fp[last];
  const j = Math.floor(x);
  return (fp[j + 1] - fp[j]) * (x - j) + fp[j];
}

/** diffusers' `_sigma_to_t`: the fractional training timestep whose σ is `sigma` (log-σ interpolation). */
export function sigmaToT(sigma: number, logSigmas: Float64Array): number {
  const logSigma = Math.log(Math.max(sigma, 1e-10));
  let count = 0;
  for (const ls of logSigmas) if (logSigma - ls >= 0) count++;
  const low = Math.min(Math.max(count - 1, 0), logSigmas.length - 2);
  const lo = logSigmas[low];
  const hi = logSigmas[low + 1];
  const w = Math.min(1, Math.max(0, (lo - logSigma) / (lo - hi)));
  return (1 - w) * low + w * (low + 1);
}

/** Karras et al. 2022 eq. 5: σ_i = (σmax^{1/ρ} + i/(n−1)·(σmin^{1/ρ} − σmax^{1/ρ}))^ρ, descending. */
export function karrasSigmas(sigmaMin: number, sigmaMax: number, n: number, rho = 7): number[] {
  const minInv = sigmaMin ** (1 / rho);
  const maxInv = sigmaMax ** (1 / rho);
  return npLinspace(0, 1, n).map((r) => (maxInv + r * (minInv - maxInv)) ** rho);
}

/** Log-uniform σ's from σmax down to σmin (k-diffusion `get_sigmas_exponential`). */
export function exponentialSigmas(sigmaMin: number, sigmaMax: number, n: number): number[] {
  return npLinspace(Math.log(sigmaMax), Math.log(sigmaMin), n).map(Math.exp);
}

/**
 * Index of timestep t in the schedule. When t occurs twice (Heun's doubled timesteps) the
 * first step uses the second occurrence, as diffusers' `index_for_timestep` does.
 */
export function indexForTimestep(
  className: string,
  timesteps: readonly number[],
  t: number,
): number {
  const hits: number[] = [];
  timesteps.forEach((s, i) => {
    if (Math.abs(s - t) <= 1e-6 * Math.max(1, Math.abs(t))) hits.push(i);
  });
  if (hits.length === 0)
    throw new Error(`${className}: timestep ${t} is not one of this run's timesteps`);
  return hits.length > 1 ? hits[1] : hits[0];
}

/** diffusers' `_step_index`: found from the first timestep seen, then advanced once per step. */
export class StepCursor {
  private index: number | null = null;

  constructor(private readonly className: string) {}

  reset(): void {
    this.index = null;
  }

  at(timesteps: readonly number[], t: number): number {
    if (this.index === null) this.index = indexForTimestep(this.className, timesteps, t);
    return this.index;
  }

  advance(): void {
    if (this.index !== null) this.index++;
  }
}

/** diffusers' `init_noise_sigma` for σ schedulers: σmax, or sqrt(σmax² + 1) for "leading" spacing. */
export function sigmaInitNoise(sigmas: ArrayLike<number>, spacing: TimestepSpacing): number {
  let max = 0;
  for (let i = 0; i < sigmas.length; i++) max = Math.max(max, sigmas[i]);
  return spacing === 'leading' ? Math.sqrt(max * max + 1) : max;
}

/** x0 from a σ-scaled model output at noise level σ (Euler / LMS / Heun conventions). */
export function sigmaPredX0(
  prediction: 'epsilon' | 'v_prediction' | 'sample',
  modelOutput: Float64Array,
  sample: Float64Array,
  sigma: number,
): Float64Array {
  const out = new Float64Array(sample.length);
  const c = 1 / (sigma * sigma + 1);
  for (let i = 0; i < out.length; i++) {
    if (prediction === 'epsilon') out[i] = sample[i] - sigma * modelOutput[i];
    else if (prediction === 'v_prediction')
      out[i] = -sigma * Math.sqrt(c) * modelOutput[i] + sample[i] * c;
    else out[i] = modelOutput[i];
  }
  return out;
}

export type SigmaKind = 'interpolated' | 'karras' | 'exponential';

export interface SigmaGridOptions {
  spacing: TimestepSpacing;
  stepsOffset: number;
  /** 'log_linear' replaces the interpolated σ's by n + 1 log-uniform ones (Euler only). */
  interpolation: 'linear' | 'log_linear';
  kind: SigmaKind;
  /** Bounds for karras / exponential σ's; null: the ends of the interpolated σ's. */
  sigmaMin: number | null;
  sigmaMax: number | null;
  /** Appended last σ: 0 or the smallest training σ. */
  finalSigma: 'zero' | 'sigma_min';
}

/**
 * Timesteps (descending) and σ's (length n + 1, descending, float32-rounded) of an
 * Euler-family `set_timesteps(n)`: spacing → np.interp of training σ's at those timesteps →
 * optional Karras / exponential σ's (timesteps then re-derived via sigmaToT) → final σ.
 */
export function sigmaGrid(
  alphasCumprod: Float64Array,
  n: number,
  o: SigmaGridOptions,
): { timesteps: number[]; sigmas: number[] } {
  const train = trainingSigmas(alphasCumprod);
  const logTrain = train.map(Math.log);
  let timesteps = floatTimesteps(o.spacing, n, alphasCumprod.length, o.stepsOffset);
  let sigmas =
    o.interpolation === 'log_linear'
      ? npLinspace(logTrain[logTrain.length - 1], logTrain[0], n + 1).map(Math.exp)
      : timesteps.map((t) => interpIndex(t, train));
  if (o.kind !== 'interpolated') {
    const lo = o.sigmaMin ?? sigmas[sigmas.length - 1];
    const hi = o.sigmaMax ?? sigmas[0];
    sigmas = o.kind === 'karras' ? karrasSigmas(lo, hi, n) : exponentialSigmas(lo, hi, n);
    timesteps = sigmas.map((s) => Math.fround(sigmaToT(s, logTrain)));
  }
  const last = o.finalSigma === 'zero' ? 0 : train[0];
  return { timesteps, sigmas: [...sigmas, last].map(Math.fround) };
}
