/**
 * Shared pieces of the diffusers-compatible schedulers: the scheduler interface, config
 * reading with clear errors and a record of unsupported keys, betas, numpy-faithful
 * timestep spacings and dynamic thresholding. Numbers follow diffusers'
 * src/diffusers/schedulers/scheduling_*.py, computed here in float64.
 */
import {
  BETA_SCHEDULES,
  type BetaScheduleKind,
  makeBetas,
  rescaleZeroTerminalSnr,
} from '../schedules/betas';

/** A parsed scheduler_config.json (diffusers' `SchedulerMixin.from_config` input). */
export type DiffusersConfig = Readonly<Record<string, unknown>>;

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
export type TimestepSpacing = 'linspace' | 'leading' | 'trailing';
export const TIMESTEP_SPACINGS: readonly TimestepSpacing[] = ['linspace', 'leading', 'trailing'];

/**
 * Reads typed values out of a config, throwing on a wrong type or value, and remembers
 * which keys it read: whatever is left (apart from `_`-prefixed metadata) is unsupported.
 */
export class ConfigReader {
  private readonly read = new Set<string>();
  private readonly ignored: string[] = [];

  constructor(
    readonly className: string,
    private readonly config: DiffusersConfig,
  ) {
    if (config === null || typeof config !== 'object' || Array.isArray(config)) {
      throw new Error(`${className}: config must be an object (a parsed scheduler_config.json)`);
    }
  }

  private raw(key: string): unknown {
    this.read.add(key);
    const v = this.config[key];
    return v === undefined ? undefined : v;
  }

  private fail(key: string, v: unknown, expected: string): never {
    throw new Error(
      `${this.className}: config.${key} must be ${expected}, got ${JSON.stringify(v)}`,
    );
  }

  num(
    key: string,
    def: number,
    check?: (v: number) => boolean,
    expected = 'a finite number',
  ): number {
    const v = this.raw(key);
    if (v === undefined || v === null) return def;
    if (typeof v !== 'number' || !Number.isFinite(v) || (check && !check(v)))
      this.fail(key, v, expected);
    return v;
  }

  optionalNum(
    key: string,
    check?: (v: number) => boolean,
    expected = 'a finite number or null',
  ): number | null {
    const v = this.raw(key);
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isFinite(v) || (check && !check(v)))
      this.fail(key, v, expected);
    return v;
  }

  int(key: string, def: number, min = 0): number {
    return this.num(key, def, (v) => Number.isInteger(v) && v >= min, `an integer ≥ ${min}`);
  }

  bool(key: string, def: boolean): boolean {
    const v = this.raw(key);
    if (v === undefined || v === null) return def;
    if (typeof v !== 'boolean') this.fail(key, v, 'true or false');
    return v;
  }

  choice<T extends string>(key: string, def: T, choices: readonly T[]): T {
    const v = this.raw(key);
    if (v === undefined || v === null) return def;
    if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) {
      this.fail(key, v, `one of ${choices.map((c) => `"${c}"`).join(', ')}`);
    }
    return v as T;
  }

  numArray(key: string): Float64Array | null {
    const v = this.raw(key);
    if (v === undefined || v === null) return null;
    if (
      !Array.isArray(v) ||
      v.length === 0 ||
      !v.every((x) => typeof x === 'number' && Number.isFinite(x))
    ) {
      this.fail(key, v, 'a non-empty array of finite numbers or null');
    }
    return Float64Array.from(v as number[]);
  }

  /** A diffusers option this port implements only at its default: any other value is reported and ignored. */
  onlyDefault(key: string, def: unknown): void {
    const v = this.raw(key);
    if (v === undefined || v === null || v === def) return;
    this.ignored.push(key);
  }

  /** Keys the config holds that this scheduler ignored, with one warning line each. */
  report(): { unsupportedKeys: string[]; warnings: string[] } {
    const unsupportedKeys = [
      ...this.ignored,
      ...Object.keys(this.config).filter((k) => !k.startsWith('_') && !this.read.has(k)),
    ];
    const warnings = unsupportedKeys.map((k) =>
      this.ignored.includes(k)
        ? `${this.className}: config.${k} = ${JSON.stringify(this.config[k])} is not supported by this port; the default was used`
        : `${this.className}: config.${k} is not a supported ${this.className} option and was ignored`,
    );
    return { unsupportedKeys, warnings };
  }
}

/** The discrete VP schedule (betas and ᾱ) every DDPM-family config describes. */
export interface VpSchedule {
  numTrainTimesteps: number;
  betas: Float64Array;
  alphasCumprod: Float64Array;
}

/**
 * num_train_timesteps, beta_start, beta_end, beta_schedule, trained_betas and (where the
 * class has it) rescale_betas_zero_snr, as diffusers' scheduler constructors read them.
 */
export function readVpSchedule(
  r: ConfigReader,
  opts: { zeroSnrKey: boolean; betaStart?: number; betaEnd?: number },
): VpSchedule {
  const trained = r.numArray('trained_betas');
  let numTrainTimesteps = r.int('num_train_timesteps', 1000, 1);
  const betaStart = r.num('beta_start', opts.betaStart ?? 0.0001);
  const betaEnd = r.num('beta_end', opts.betaEnd ?? 0.02);
  const kind = r.choice<BetaScheduleKind>('beta_schedule', 'linear', BETA_SCHEDULES);
  let betas: Float64Array;
  if (trained) {
    if (!trained.every((b) => b > 0 && b < 1))
      throw new Error(`${r.className}: config.trained_betas must lie in (0, 1)`);
    betas = trained;
    numTrainTimesteps = trained.length;
  } else {
    betas = makeBetas(kind, numTrainTimesteps, betaStart, betaEnd);
  }
  if (opts.zeroSnrKey && r.bool('rescale_betas_zero_snr', false))
    betas = rescaleZeroTerminalSnr(betas);
  return float32Schedule(numTrainTimesteps, betas);
}

/**
 * diffusers keeps betas and ᾱ in float32 (torch.cumprod accumulates in double on the CPU
 * and rounds each output); long schedules carry that rounding into pinned test numbers,
 * so we round the same way.
 */
function float32Schedule(numTrainTimesteps: number, betas64: Float64Array): VpSchedule {
  const betas = betas64.map(Math.fround);
  const ab = new Float64Array(betas.length);
  let p = 1;
  for (let i = 0; i < betas.length; i++) {
    p *= Math.fround(1 - betas[i]);
    ab[i] = Math.fround(p);
  }
  return { numTrainTimesteps, betas, alphasCumprod: ab };
}

/** numpy's round (half to even), which diffusers' `.round()` / `np.round` use. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** np.linspace(start, stop, n): start + i·((stop − start)/(n − 1)), last value exactly stop. */
export function npLinspace(start: number, stop: number, n: number): number[] {
  if (n === 1) return [start];
  const step = (stop - start) / (n - 1);
  const out = Array.from({ length: n }, (_, i) => i * step + start);
  out[n - 1] = stop;
  return out;
}

/** np.arange(start, stop, step) for a possibly fractional step. */
export function npArange(start: number, stop: number, step: number): number[] {
  const n = Math.max(0, Math.ceil((stop - start) / step));
  return Array.from({ length: n }, (_, i) => start + i * step);
}

export function requireStepCount(className: string, n: number, numTrainTimesteps: number): void {
  if (!Number.isInteger(n) || n < 1 || n > numTrainTimesteps) {
    throw new Error(
      `${className}.setTimesteps: numInferenceSteps must be an integer in 1..${numTrainTimesteps}, got ${n}`,
    );
  }
}

/**
 * Integer timesteps, descending, for DDIM / DDPM / PNDM-style schedulers
 * (Table 2 of Lin et al. 2024 names the three spacings).
 */
export function spacedTimesteps(
  spacing: TimestepSpacing,
  n: number,
  numTrain: number,
  stepsOffset: number,
): number[] {
  switch (spacing) {
    case 'linspace':
      return npLinspace(0, numTrain - 1, n)
        .map(roundHalfEven)
        .reverse();
    case 'leading': {
      const ratio = Math.floor(numTrain / n);
      return Array.from({ length: n }, (_, i) => roundHalfEven(i * ratio) + stepsOffset).reverse();
    }
    case 'trailing':
      return npArange(numTrain, 0, -numTrain / n).map((t) => roundHalfEven(t) - 1);
  }
}

/** torch.quantile(x, q) with linear interpolation between order statistics. */
export function quantile(values: Float64Array, q: number): number {
  const sorted = Float64Array.from(values).sort();
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export interface ThresholdConfig {
  ratio: number;
  sampleMaxValue: number;
}

/**
 * Dynamic thresholding (Saharia et al. 2022, Imagen §2.3), per batch item: s = the
 * `ratio` quantile of |x0|, clamped to [1, sample_max_value]; x0 ← clip(x0, −s, s) / s.
 */
export function thresholdSample(
  x0: Float64Array,
  cfg: ThresholdConfig,
  batchSize = 1,
): Float64Array {
  if (!Number.isInteger(batchSize) || batchSize < 1 || x0.length % batchSize !== 0) {
    throw new Error(
      `thresholdSample: batchSize ${batchSize} does not divide the sample length ${x0.length}`,
    );
  }
  const out = new Float64Array(x0.length);
  const per = x0.length / batchSize;
  for (let b = 0; b < batchSize; b++) {
    const item = x0.subarray(b * per, (b + 1) * per);
    const s = Math.min(Math.max(quantile(item.map(Math.abs), cfg.ratio), 1), cfg.sampleMaxValue);
    for (let i = 0; i < per; i++) out[b * per + i] = Math.min(s, Math.max(-s, item[i])) / s;
  }
  return out;
}

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
