/**
 * HeunDiscreteScheduler: Karras et al. 2022, Algorithm 1 (Heun's 2nd-order method, no
 * churn) on the σ's of a discrete VP schedule; follows diffusers' scheduling_heun_discrete.py.
 * Each σ-interval takes two calls: timesteps repeat every inner timestep, and the scheduler
 * alternates an Euler predictor with the trapezoidal corrector.
 */
import { ConfigReader, type DiffusersConfig } from './config-reader';
import type { DiffusersScheduler, StepOutput } from './scheduler';
import { requireStepCount } from './timestep-spacing';
import { readSigmaConfig, type SigmaSchedulerConfig } from './sigma-config';
import { StepCursor, indexForTimestep, sigmaGrid, sigmaInitNoise, sigmaPredX0 } from './sigmas';

/** [a, b, c] → [a, b, b, c, c]: diffusers' repeat_interleave of all but the first element. */
const doubleTail = (xs: number[]): number[] => [xs[0], ...xs.slice(1).flatMap((x) => [x, x])];

export class HeunDiscreteScheduler implements DiffusersScheduler {
  readonly className = 'HeunDiscreteScheduler';
  readonly order = 2;
  readonly warnings: readonly string[];
  readonly unsupportedKeys: readonly string[];
  readonly numTrainTimesteps: number;
  timesteps: number[] = [];
  sigmas: number[] = [];
  private readonly cfg: SigmaSchedulerConfig;
  private readonly clipRange: number | null;
  private readonly cursor = new StepCursor(this.className);
  /** Predictor state between the two halves of a Heun step. */
  private pending: { derivative: Float64Array; dt: number; sample: Float64Array } | null = null;

  constructor(config: DiffusersConfig) {
    const r = new ConfigReader(this.className, config);
    this.cfg = readSigmaConfig(r, {
      betaStart: 0.00085,
      betaEnd: 0.012,
      zeroSnr: false,
      interpolation: false,
      exponential: true,
      sigmaBounds: false,
      finalSigmas: false,
    });
    const clip = r.bool('clip_sample', false);
    const range = r.num('clip_sample_range', 1, (v) => v > 0, 'a positive number');
    this.clipRange = clip ? range : null;
    ({ unsupportedKeys: this.unsupportedKeys, warnings: this.warnings } = r.report());
    this.numTrainTimesteps = this.cfg.schedule.numTrainTimesteps;
    this.setTimesteps(this.numTrainTimesteps);
  }

  get initNoiseSigma(): number {
    return sigmaInitNoise(this.sigmas, this.cfg.spacing);
  }

  setTimesteps(n: number): void {
    requireStepCount(this.className, n, this.numTrainTimesteps);
    const g = sigmaGrid(this.cfg.schedule.alphasCumprod, n, this.cfg.grid);
    this.sigmas = [...doubleTail(g.sigmas.slice(0, -1)), g.sigmas[g.sigmas.length - 1]];
    this.timesteps = doubleTail(g.timesteps);
    this.pending = null;
    this.cursor.reset();
  }

  scaleModelInput(sample: Float64Array, t: number): Float64Array {
    const sigma = this.sigmas[this.cursor.at(this.timesteps, t)];
    const c = 1 / Math.sqrt(sigma * sigma + 1);
    return sample.map((x) => x * c);
  }

  step(modelOutput: Float64Array, t: number, sample: Float64Array): StepOutput {
    const i = this.cursor.at(this.timesteps, t);
    const first = this.pending === null;
    const sigma = first ? this.sigmas[i] : this.sigmas[i - 1];
    const sigmaNext = first ? this.sigmas[i + 1] : this.sigmas[i];
    // The model was evaluated at σ (predictor) or at σ_next (corrector).
    let x0 = sigmaPredX0(this.cfg.prediction, modelOutput, sample, first ? sigma : sigmaNext);
    const range = this.clipRange;
    if (range !== null) x0 = x0.map((v) => Math.min(range, Math.max(-range, v)));
    let prev: Float64Array;
    if (this.pending === null) {
      const derivative = sample.map((x, k) => (x - x0[k]) / sigma);
      const dt = sigmaNext - sigma;
      this.pending = { derivative, dt, sample };
      prev = sample.map((x, k) => x + derivative[k] * dt);
    } else {
      const { derivative: d1, dt, sample: start } = this.pending;
      prev = start.map((x, k) => x + ((d1[k] + (sample[k] - x0[k]) / sigmaNext) / 2) * dt);
      this.pending = null;
    }
    this.cursor.advance();
    return { prevSample: prev, predOriginalSample: x0 };
  }

  addNoise(x0: Float64Array, noise: Float64Array, t: number): Float64Array {
    const sigma = this.sigmas[indexForTimestep(this.className, this.timesteps, t)];
    return x0.map((v, k) => v + sigma * noise[k]);
  }
}
