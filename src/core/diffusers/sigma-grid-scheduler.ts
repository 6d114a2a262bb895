/**
 * What DPM-Solver (multi/singlestep), UniPC and DEIS share in diffusers: VP betas read
 * from the config, a σ grid per run, a step counter started from the first timestep
 * seen, model-output conversion with optional dynamic thresholding, and add_noise.
 */
import { ConfigReader } from './config-reader';
import { PREDICTION_TYPES, type PredictionType, type StepOptions } from './scheduler';
import { type ThresholdConfig, thresholdSample } from './thresholding';
import { requireStepCount } from './timestep-spacing';
import { readVpSchedule } from './vp-schedule';
import {
  type SigmaGrid,
  type VpPoint,
  dataFromNoise,
  indexForTimestep,
  noiseFromData,
  toDataPrediction,
  toNoisePrediction,
  vpPoint,
} from './multistep-common';
import { trainingSigmas } from './sigmas';

/** Keys of the diffusers classes that this port implements at their default value only. */
const DEFAULT_ONLY: ReadonlyArray<readonly [string, unknown]> = [
  ['variance_type', null],
  ['use_exponential_sigmas', false],
  ['use_beta_sigmas', false],
  ['use_flow_sigmas', false],
  ['use_dynamic_shifting', false],
  ['solver_p', null],
];

export abstract class SigmaGridScheduler {
  readonly order = 1;
  readonly initNoiseSigma = 1;
  readonly numTrainTimesteps: number;
  readonly alphasCumprod: Float64Array;
  readonly predictionType: PredictionType;
  readonly threshold: ThresholdConfig | null;
  warnings: readonly string[] = [];
  unsupportedKeys: readonly string[] = [];
  timesteps: number[] = [];
  /** σ of every step of the run plus the final σ (diffusers' `self.sigmas`). */
  protected sigmas: Float64Array = new Float64Array(0);
  /** diffusers' `_step_index`: set by the first step of a run, then counts up. */
  protected stepIndex: number | null = null;

  protected constructor(
    readonly className: string,
    protected readonly reader: ConfigReader,
    opts: { zeroSnrKey: boolean },
  ) {
    const vp = readVpSchedule(reader, opts);
    this.numTrainTimesteps = vp.numTrainTimesteps;
    this.alphasCumprod = vp.alphasCumprod;
    // diffusers keeps ᾱ_T at 2^-24 after a zero-terminal-SNR rescale so that σ_max stays finite.
    const last = this.alphasCumprod.length - 1;
    if (this.alphasCumprod[last] === 0) this.alphasCumprod[last] = 2 ** -24;
    this.predictionType = reader.choice('prediction_type', 'epsilon', PREDICTION_TYPES);
    const thresholding = reader.bool('thresholding', false);
    const ratio = reader.num(
      'dynamic_thresholding_ratio',
      0.995,
      (v) => v >= 0 && v <= 1,
      'a number in [0, 1]',
    );
    const sampleMaxValue = reader.num('sample_max_value', 1);
    this.threshold = thresholding ? { ratio, sampleMaxValue } : null;
    for (const [key, def] of DEFAULT_ONLY) reader.onlyDefault(key, def);
  }

  /** Call last in a subclass constructor, once every key has been read. */
  protected finishConfig(): void {
    const { unsupportedKeys, warnings } = this.reader.report();
    this.unsupportedKeys = unsupportedKeys;
    this.warnings = warnings;
  }

  protected checkStepCount(n: number): void {
    requireStepCount(this.className, n, this.numTrainTimesteps);
  }

  protected setGrid(grid: SigmaGrid): void {
    this.timesteps = grid.timesteps;
    this.sigmas = grid.sigmas;
    this.stepIndex = null;
  }

  /** α, σ_t, λ at grid position i (i = timesteps.length is the final σ). */
  protected point(i: number): VpPoint {
    return vpPoint(this.sigmas[i]);
  }

  /** The step index for this call: diffusers looks t up on the first step of a run only. */
  protected beginStep(t: number, sample: Float64Array, modelOutput: Float64Array): number {
    if (this.timesteps.length === 0)
      throw new Error(`${this.className}.step: call setTimesteps first`);
    if (modelOutput.length !== sample.length) {
      throw new Error(
        `${this.className}.step: model output length ${modelOutput.length} != sample length ${sample.length}`,
      );
    }
    if (this.stepIndex === null) this.stepIndex = indexForTimestep(this.timesteps, t);
    if (this.stepIndex >= this.timesteps.length)
      throw new Error(`${this.className}.step: the run is over; call setTimesteps again`);
    return this.stepIndex;
  }

  /** x̂0 at grid position i, dynamically thresholded when the config asks for it. */
  protected dataPrediction(
    out: Float64Array,
    sample: Float64Array,
    i: number,
    options?: StepOptions,
  ): Float64Array {
    const x0 = toDataPrediction(this.predictionType, out, sample, this.point(i));
    return this.threshold ? thresholdSample(x0, this.threshold, options?.batchSize ?? 1) : x0;
  }

  /** ε̂ at grid position i; with thresholding, ε̂ is recomputed from the thresholded x̂0. */
  protected noisePrediction(
    out: Float64Array,
    sample: Float64Array,
    i: number,
    options?: StepOptions,
  ): Float64Array {
    const p = this.point(i);
    const eps = toNoisePrediction(this.predictionType, out, sample, p);
    if (!this.threshold) return eps;
    const x0 = thresholdSample(
      dataFromNoise(eps, sample, p),
      this.threshold,
      options?.batchSize ?? 1,
    );
    return noiseFromData(x0, sample, p);
  }

  scaleModelInput(sample: Float64Array, _t: number): Float64Array {
    return Float64Array.from(sample);
  }

  /**
   * α_t x0 + σ_t ε at timestep t. A t of the current run uses the run's σ (as diffusers
   * does); any other integer training timestep uses its training σ (diffusers would
   * fall back to the run's last σ).
   */
  addNoise(originalSamples: Float64Array, noise: Float64Array, t: number): Float64Array {
    if (noise.length !== originalSamples.length) {
      throw new Error(
        `${this.className}.addNoise: noise length ${noise.length} != sample length ${originalSamples.length}`,
      );
    }
    let kSigma: number;
    const i = this.timesteps.indexOf(t);
    if (i >= 0) {
      kSigma = this.sigmas[indexForTimestep(this.timesteps, t)];
    } else if (Number.isInteger(t) && t >= 0 && t < this.numTrainTimesteps) {
      kSigma = trainingSigmas(this.alphasCumprod)[t];
    } else {
      throw new Error(
        `${this.className}.addNoise: t = ${t} is neither a timestep of the run nor a training timestep`,
      );
    }
    const p = vpPoint(kSigma);
    return originalSamples.map((x, k) => p.alpha * x + p.sigma * noise[k]);
  }
}
