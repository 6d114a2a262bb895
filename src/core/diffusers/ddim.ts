/**
 * DDIMScheduler (Song et al. 2021, "Denoising Diffusion Implicit Models", eq. 12 and 16),
 * following diffusers' scheduling_ddim.py: η = 0 is the deterministic DDIM ODE step,
 * η = 1 the DDPM-like ancestral one.
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
import { thresholdSample, type ThresholdConfig } from './thresholding';
import {
  TIMESTEP_SPACINGS,
  type TimestepSpacing,
  requireStepCount,
  spacedTimesteps,
} from './timestep-spacing';
import { type VpSchedule, readVpSchedule } from './vp-schedule';

export interface DdimStepOptions extends StepOptions {
  /** η of DDIM eq. 16; default 0 (deterministic). */
  eta?: number;
  /** Re-derive ε from the clipped x0 before the update (GLIDE). */
  useClippedModelOutput?: boolean;
}

/** x0 and ε from a model output at ᾱ_t, for the three parameterisations. */
export function vpPredictions(
  prediction: PredictionType,
  modelOutput: Float64Array,
  sample: Float64Array,
  alphaProd: number,
): { x0: Float64Array; eps: Float64Array } {
  const a = Math.sqrt(alphaProd);
  const b = Math.sqrt(1 - alphaProd);
  const x0 = new Float64Array(sample.length);
  const eps = new Float64Array(sample.length);
  for (let i = 0; i < sample.length; i++) {
    const m = modelOutput[i];
    const x = sample[i];
    if (prediction === 'epsilon') {
      x0[i] = (x - b * m) / a;
      eps[i] = m;
    } else if (prediction === 'sample') {
      x0[i] = m;
      eps[i] = (x - a * m) / b;
    } else {
      x0[i] = a * x - b * m;
      eps[i] = a * m + b * x;
    }
  }
  return { x0, eps };
}

/** Clip or dynamically threshold x0, as DDIM / DDPM configure it. */
export function clipX0(
  x0: Float64Array,
  threshold: ThresholdConfig | null,
  clipRange: number | null,
  batchSize = 1,
): Float64Array {
  if (threshold) return thresholdSample(x0, threshold, batchSize);
  if (clipRange !== null) return x0.map((v) => Math.min(clipRange, Math.max(-clipRange, v)));
  return x0;
}

/** Reads thresholding / clip_sample keys shared by DDIM and DDPM. */
export function readClipping(
  r: ConfigReader,
  clipDefault: boolean,
): { threshold: ThresholdConfig | null; clipRange: number | null } {
  const clip = r.bool('clip_sample', clipDefault);
  const clipRange = r.num('clip_sample_range', 1, (v) => v > 0, 'a positive number');
  const thresholding = r.bool('thresholding', false);
  const ratio = r.num(
    'dynamic_thresholding_ratio',
    0.995,
    (v) => v > 0 && v <= 1,
    'a number in (0, 1]',
  );
  const sampleMaxValue = r.num('sample_max_value', 1, (v) => v > 0, 'a positive number');
  return {
    threshold: thresholding ? { ratio, sampleMaxValue } : null,
    clipRange: clip ? clipRange : null,
  };
}

export class DDIMScheduler implements DiffusersScheduler {
  readonly className = 'DDIMScheduler';
  readonly order = 1;
  readonly initNoiseSigma = 1;
  readonly warnings: readonly string[];
  readonly unsupportedKeys: readonly string[];
  readonly numTrainTimesteps: number;
  timesteps: number[];
  private readonly schedule: VpSchedule;
  private readonly finalAlphaCumprod: number;
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
    const setAlphaToOne = r.bool('set_alpha_to_one', true);
    this.finalAlphaCumprod = setAlphaToOne ? 1 : this.schedule.alphasCumprod[0];
    this.stepsOffset = r.int('steps_offset', 0);
    this.prediction = r.choice('prediction_type', 'epsilon', PREDICTION_TYPES);
    this.spacing = r.choice('timestep_spacing', 'leading', TIMESTEP_SPACINGS);
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

  private alphaProd(t: number): number {
    if (!Number.isInteger(t) || t >= this.numTrainTimesteps) {
      throw new Error(
        `${this.className}: timestep must be an integer below ${this.numTrainTimesteps}, got ${t}`,
      );
    }
    return t >= 0 ? this.schedule.alphasCumprod[t] : this.finalAlphaCumprod;
  }

  /** σ_t(η=1)² of DDIM eq. 16 between timestep t and prevT. */
  variance(t: number, prevT: number): number {
    const at = this.alphaProd(t);
    const ap = this.alphaProd(prevT);
    return ((1 - ap) / (1 - at)) * (1 - at / ap);
  }

  step(
    modelOutput: Float64Array,
    t: number,
    sample: Float64Array,
    options: DdimStepOptions = {},
  ): StepOutput {
    if (this.numInferenceSteps === null)
      throw new Error(`${this.className}.step: call setTimesteps first`);
    const eta = options.eta ?? 0;
    // diffusers steps back by num_train // n whatever the spacing.
    const prevT = t - Math.floor(this.numTrainTimesteps / this.numInferenceSteps);
    const at = this.alphaProd(t);
    const ap = this.alphaProd(prevT);
    const pred = vpPredictions(this.prediction, modelOutput, sample, at);
    const x0 = clipX0(pred.x0, this.threshold, this.clipRange, options.batchSize);
    let eps = pred.eps;
    if (options.useClippedModelOutput)
      eps = sample.map((x, i) => (x - Math.sqrt(at) * x0[i]) / Math.sqrt(1 - at));
    const std = eta * Math.sqrt(this.variance(t, prevT));
    const dirCoef = Math.sqrt(1 - ap - std * std);
    const noise = eta > 0 ? stepNoise(this.className, sample.length, options) : null;
    const prev = new Float64Array(sample.length);
    for (let i = 0; i < prev.length; i++) {
      prev[i] = Math.sqrt(ap) * x0[i] + dirCoef * eps[i] + (noise ? std * noise[i] : 0);
    }
    return { prevSample: prev, predOriginalSample: x0 };
  }

  addNoise(x0: Float64Array, noise: Float64Array, t: number): Float64Array {
    const ab = this.alphaProd(t);
    return x0.map((v, i) => Math.sqrt(ab) * v + Math.sqrt(1 - ab) * noise[i]);
  }
}
