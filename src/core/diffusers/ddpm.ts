/**
 * DDPMScheduler (Ho et al. 2020, "Denoising Diffusion Probabilistic Models", Algorithm 2
 * with the posterior mean of eq. 7), following diffusers' scheduling_ddpm.py.
 */
import { ConfigReader, type DiffusersConfig } from './config-reader';
import {
  type DiffusersScheduler,
  PREDICTION_TYPES,
  type PredictionType,
  type StepOptions,
  type StepOutput,
  stepNoise,
} from './scheduler';
import type { ThresholdConfig } from './thresholding';
import {
  TIMESTEP_SPACINGS,
  type TimestepSpacing,
  requireStepCount,
  spacedTimesteps,
} from './timestep-spacing';
import { type VpSchedule, readVpSchedule } from './vp-schedule';
import { clipX0, readClipping, vpPredictions } from './ddim';

/** The variance types whose numbers need no extra model channels. */
export type DdpmVarianceType = 'fixed_small' | 'fixed_small_log' | 'fixed_large';
const VARIANCE_TYPES: readonly DdpmVarianceType[] = [
  'fixed_small',
  'fixed_small_log',
  'fixed_large',
];

export class DDPMScheduler implements DiffusersScheduler {
  readonly className = 'DDPMScheduler';
  readonly order = 1;
  readonly initNoiseSigma = 1;
  readonly warnings: readonly string[];
  readonly unsupportedKeys: readonly string[];
  readonly numTrainTimesteps: number;
  readonly varianceType: DdpmVarianceType;
  timesteps: number[];
  private readonly schedule: VpSchedule;
  private readonly prediction: PredictionType;
  private readonly spacing: TimestepSpacing;
  private readonly stepsOffset: number;
  private readonly threshold: ThresholdConfig | null;
  private readonly clipRange: number | null;
  private numInferenceSteps: number | null = null;

  constructor(config: DiffusersConfig) {
    const r = new ConfigReader(this.className, config);
    this.schedule = readVpSchedule(r, { zeroSnrKey: true });
    this.numTrainTimesteps = this.schedule.numTrainTimesteps;
    const vt = config.variance_type;
    if (typeof vt === 'string' && ['learned', 'learned_range', 'fixed_large_log'].includes(vt)) {
      throw new Error(
        `${this.className}: variance_type "${vt}" is not supported (it needs the model's variance channels); use one of ${VARIANCE_TYPES.join(', ')}`,
      );
    }
    this.varianceType = r.choice('variance_type', 'fixed_small', VARIANCE_TYPES);
    this.prediction = r.choice('prediction_type', 'epsilon', PREDICTION_TYPES);
    this.spacing = r.choice('timestep_spacing', 'leading', TIMESTEP_SPACINGS);
    this.stepsOffset = r.int('steps_offset', 0);
    ({ threshold: this.threshold, clipRange: this.clipRange } = readClipping(r, true));
    ({ unsupportedKeys: this.unsupportedKeys, warnings: this.warnings } = r.report());
    this.timesteps = Array.from(
      { length: this.numTrainTimesteps },
      (_, i) => this.numTrainTimesteps - 1 - i,
    );
  }

  setTimesteps(n: number): void {
    requireStepCount(this.className, n, this.numTrainTimesteps);
    this.numInferenceSteps = n;
    this.timesteps = spacedTimesteps(this.spacing, n, this.numTrainTimesteps, this.stepsOffset);
  }

  scaleModelInput(sample: Float64Array): Float64Array {
    return Float64Array.from(sample);
  }

  previousTimestep(t: number): number {
    return (
      t - Math.floor(this.numTrainTimesteps / (this.numInferenceSteps ?? this.numTrainTimesteps))
    );
  }

  private alphaProd(t: number): number {
    if (!Number.isInteger(t) || t >= this.numTrainTimesteps) {
      throw new Error(
        `${this.className}: timestep must be an integer below ${this.numTrainTimesteps}, got ${t}`,
      );
    }
    return t >= 0 ? this.schedule.alphasCumprod[t] : 1;
  }

  /** Standard deviation of the noise step() adds at t (fixed_small_log's `_get_variance` already is one). */
  noiseStd(t: number): number {
    const v = this.variance(t);
    return this.varianceType === 'fixed_small_log' ? v : Math.sqrt(v);
  }

  /**
   * diffusers' `_get_variance(t)`: the posterior variance β̃_t = (1 − ᾱ_{t−1}) / (1 − ᾱ_t) · β_t
   * (clamped at 1e-20), β_t for fixed_large, sqrt(β̃_t) for fixed_small_log.
   */
  variance(t: number): number {
    const at = this.alphaProd(t);
    const ap = this.alphaProd(this.previousTimestep(t));
    const beta = 1 - at / ap;
    const small = Math.max(((1 - ap) / (1 - at)) * beta, 1e-20);
    if (this.varianceType === 'fixed_large') return beta;
    if (this.varianceType === 'fixed_small_log') return Math.exp(0.5 * Math.log(small));
    return small;
  }

  step(
    modelOutput: Float64Array,
    t: number,
    sample: Float64Array,
    options: StepOptions = {},
  ): StepOutput {
    const at = this.alphaProd(t);
    const ap = this.alphaProd(this.previousTimestep(t));
    const alphaT = at / ap;
    const x0 = clipX0(
      vpPredictions(this.prediction, modelOutput, sample, at).x0,
      this.threshold,
      this.clipRange,
      options.batchSize,
    );
    // Posterior mean, DDPM eq. 7.
    const cX0 = (Math.sqrt(ap) * (1 - alphaT)) / (1 - at);
    const cXt = (Math.sqrt(alphaT) * (1 - ap)) / (1 - at);
    const noise = t > 0 ? stepNoise(this.className, sample.length, options) : null;
    const std = t > 0 ? this.noiseStd(t) : 0;
    const prev = new Float64Array(sample.length);
    for (let i = 0; i < prev.length; i++)
      prev[i] = cX0 * x0[i] + cXt * sample[i] + (noise ? std * noise[i] : 0);
    return { prevSample: prev, predOriginalSample: x0 };
  }

  addNoise(x0: Float64Array, noise: Float64Array, t: number): Float64Array {
    if (t < 0) throw new Error(`${this.className}.addNoise: timestep must be ≥ 0, got ${t}`);
    const ab = this.alphaProd(t);
    return x0.map((v, i) => Math.sqrt(ab) * v + Math.sqrt(1 - ab) * noise[i]);
  }
}
