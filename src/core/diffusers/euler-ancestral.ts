/**
 * EulerAncestralDiscreteScheduler: k-diffusion's `sample_euler_ancestral` (Euler step to
 * σ_down, then fresh noise of size σ_up, with σ_up² + σ_down² = σ_next²) on the σ's of a
 * discrete VP schedule; follows diffusers' scheduling_euler_ancestral_discrete.py.
 * Stochastic: step() needs options.noise (standard normal, sample-shaped) or options.generator.
 */
import { ConfigReader, type DiffusersConfig } from './config-reader';
import { type DiffusersScheduler, type StepOptions, type StepOutput, stepNoise } from './scheduler';
import { requireStepCount } from './timestep-spacing';
import { readSigmaConfig, type SigmaSchedulerConfig } from './sigma-config';
import {
  StepCursor,
  indexForTimestep,
  sigmaGrid,
  sigmaInitNoise,
  sigmaPredX0,
  trainingSigmas,
} from './sigmas';

/** σ_up and σ_down of an ancestral step from σ_from to σ_to (k-diffusion `get_ancestral_step`, η = 1). */
export function ancestralStep(
  sigmaFrom: number,
  sigmaTo: number,
): { sigmaUp: number; sigmaDown: number } {
  const sigmaUp = Math.sqrt((sigmaTo ** 2 * (sigmaFrom ** 2 - sigmaTo ** 2)) / sigmaFrom ** 2);
  return { sigmaUp, sigmaDown: Math.sqrt(sigmaTo ** 2 - sigmaUp ** 2) };
}

export class EulerAncestralDiscreteScheduler implements DiffusersScheduler {
  readonly className = 'EulerAncestralDiscreteScheduler';
  readonly order = 1;
  readonly warnings: readonly string[];
  readonly unsupportedKeys: readonly string[];
  readonly numTrainTimesteps: number;
  timesteps: number[];
  sigmas: number[];
  private readonly cfg: SigmaSchedulerConfig;
  private readonly cursor = new StepCursor(this.className);

  constructor(config: DiffusersConfig) {
    const r = new ConfigReader(this.className, config);
    this.cfg = readSigmaConfig(r, {
      betaStart: 0.0001,
      betaEnd: 0.02,
      zeroSnr: true,
      interpolation: false,
      exponential: false,
      sigmaBounds: false,
      finalSigmas: false,
    });
    if (this.cfg.grid.kind !== 'interpolated')
      throw new Error(
        `${this.className}: use_karras_sigmas is not a diffusers option of this class`,
      );
    if (this.cfg.prediction === 'sample')
      throw new Error(
        `${this.className}: prediction_type "sample" is not implemented in diffusers either`,
      );
    ({ unsupportedKeys: this.unsupportedKeys, warnings: this.warnings } = r.report());
    this.numTrainTimesteps = this.cfg.schedule.numTrainTimesteps;
    const train = Array.from(trainingSigmas(this.cfg.schedule.alphasCumprod)).reverse();
    this.sigmas = [...train, 0].map(Math.fround);
    this.timesteps = train.map((_, i) => this.numTrainTimesteps - 1 - i);
  }

  get initNoiseSigma(): number {
    return sigmaInitNoise(this.sigmas, this.cfg.spacing);
  }

  setTimesteps(n: number): void {
    requireStepCount(this.className, n, this.numTrainTimesteps);
    ({ timesteps: this.timesteps, sigmas: this.sigmas } = sigmaGrid(
      this.cfg.schedule.alphasCumprod,
      n,
      this.cfg.grid,
    ));
    this.cursor.reset();
  }

  scaleModelInput(sample: Float64Array, t: number): Float64Array {
    const sigma = this.sigmas[this.cursor.at(this.timesteps, t)];
    const c = 1 / Math.sqrt(sigma * sigma + 1);
    return sample.map((x) => x * c);
  }

  step(
    modelOutput: Float64Array,
    t: number,
    sample: Float64Array,
    options: StepOptions = {},
  ): StepOutput {
    const i = this.cursor.at(this.timesteps, t);
    const sigma = this.sigmas[i];
    const x0 = sigmaPredX0(this.cfg.prediction, modelOutput, sample, sigma);
    const { sigmaUp, sigmaDown } = ancestralStep(sigma, this.sigmas[i + 1]);
    const z = stepNoise(this.className, sample.length, options);
    const dt = sigmaDown - sigma;
    const prev = sample.map((x, k) => x + ((x - x0[k]) / sigma) * dt + sigmaUp * z[k]);
    this.cursor.advance();
    return { prevSample: prev, predOriginalSample: x0 };
  }

  addNoise(x0: Float64Array, noise: Float64Array, t: number): Float64Array {
    const sigma = this.sigmas[indexForTimestep(this.className, this.timesteps, t)];
    return x0.map((v, k) => v + sigma * noise[k]);
  }
}
