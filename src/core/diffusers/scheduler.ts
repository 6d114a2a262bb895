/**
 * The surface every diffusers-compatible scheduler here offers (diffusers' SchedulerMixin:
 * src/diffusers/schedulers/scheduling_utils.py), its step options and outputs, and the
 * noise a stochastic step draws. Numbers are computed in float64.
 */

/** n standard normals; stochastic steps call it once per step when no `noise` is given. */
export type NoiseSource = (n: number) => Float64Array;

export interface StepOptions {
  /** Standard-normal noise shaped like the sample, for stochastic steps (DDPM, Euler ancestral, churn). */
  noise?: Float64Array;
  /** Seeded source used when `noise` is absent (e.g. `n => normals(seed, noiseKey(i), n)` from rng.ts). */
  generator?: NoiseSource;
  /** Items the flat arrays hold; dynamic thresholding takes its quantile per item. Default 1. */
  batchSize?: number;
  /** Karras et al. 2022 churn (Euler / EDM Euler `s_churn`, `s_tmin`, `s_tmax`, `s_noise`); default 0 = none. */
  sChurn?: number;
  sTmin?: number;
  sTmax?: number;
  sNoise?: number;
}

export interface StepOutput {
  prevSample: Float64Array;
  predOriginalSample: Float64Array;
}

/**
 * The surface every scheduler here offers, mirroring diffusers' SchedulerMixin:
 * setTimesteps(n), then for t of timesteps: x = step(model(scaleModelInput(x, t), t), t, x).prevSample.
 */
export interface DiffusersScheduler {
  /** diffusers' `_class_name`. */
  readonly className: string;
  /** Steps of history a multistep scheduler keeps (diffusers' `order`). */
  readonly order: number;
  readonly numTrainTimesteps: number;
  /** One readable line per config key that was ignored or unsupported. */
  readonly warnings: readonly string[];
  /** Names of the config keys that were ignored (a subset of the config's own keys). */
  readonly unsupportedKeys: readonly string[];
  /** Model timesteps of the current run, in call order (before setTimesteps: diffusers' initial list). */
  readonly timesteps: number[];
  /** Standard deviation of the initial noise x_T = initNoiseSigma · ε. */
  readonly initNoiseSigma: number;
  setTimesteps(numInferenceSteps: number): void;
  /** The model input at timestep t (σ-schedulers divide by sqrt(σ² + 1)); a new array. */
  scaleModelInput(sample: Float64Array, t: number): Float64Array;
  step(
    modelOutput: Float64Array,
    t: number,
    sample: Float64Array,
    options?: StepOptions,
  ): StepOutput;
  /** The forward process q(x_t | x0) at one timestep t for every element. */
  addNoise(originalSamples: Float64Array, noise: Float64Array, t: number): Float64Array;
}

export type PredictionType = 'epsilon' | 'v_prediction' | 'sample';
export const PREDICTION_TYPES: readonly PredictionType[] = ['epsilon', 'v_prediction', 'sample'];

/** Noise for a stochastic step: the explicit array, else the generator, else a clear error. */
export function stepNoise(
  className: string,
  n: number,
  options: StepOptions | undefined,
): Float64Array {
  if (options?.noise) {
    if (options.noise.length !== n)
      throw new Error(
        `${className}.step: noise length ${options.noise.length} != sample length ${n}`,
      );
    return options.noise;
  }
  if (options?.generator) return options.generator(n);
  throw new Error(`${className}.step is stochastic: pass options.noise or options.generator`);
}
