/**
 * EulerDiscreteScheduler: Karras et al. 2022 ("Elucidating the Design Space of
 * Diffusion-Based Generative Models"), Algorithm 2 with first-order (Euler) steps, on the
 * σ's of a discrete VP schedule; follows diffusers' scheduling_euler_discrete.py.
 * Churn (s_churn > 0) makes it stochastic: pass options.noise or options.generator then.
 */
import { ConfigReader, type DiffusersConfig } from './config-reader';
import { type DiffusersScheduler, type StepOptions, type StepOutput, stepNoise } from './scheduler';
import { readSigmaConfig, type SigmaSchedulerConfig } from './sigma-config';
import {
  StepCursor,
  indexForTimestep,
  sigmaGrid,
  sigmaInitNoise,
  sigmaPredX0,
  trainingSigmas,
} from './sigmas';
import { requireStepCount } from './timestep-spacing';

/** Karras et al. 2022 Algorithm 2, lines 5–6: γ and the raised noise level σ̂ = σ(1 + γ). */
export function churn(
  sigma: number,
  numSigmas: number,
  o: StepOptions,
): { gamma: number; sigmaHat: number } {
  const sChurn = o.sChurn ?? 0;
  const inRange = (o.sTmin ?? 0) <= sigma && sigma <= (o.sTmax ?? Infinity);
  const gamma = inRange ? Math.min(sChurn / (numSigmas - 1), Math.SQRT2 - 1) : 0;
  return { gamma, sigmaHat: sigma * (gamma + 1) };
}

/** Adds sqrt(σ̂² − σ²)·s_noise·z to the sample when γ > 0. */
export function churnSample(
  className: string,
  sample: Float64Array,
  sigma: number,
  sigmaHat: number,
  o: StepOptions,
): Float64Array {
  if (sigmaHat <= sigma) return sample;
  const z = stepNoise(className, sample.length, o);
  const c = (o.sNoise ?? 1) * Math.sqrt(sigmaHat * sigmaHat - sigma * sigma);
  return sample.map((x, i) => x + c * z[i]);
}

export class EulerDiscreteScheduler implements DiffusersScheduler {
  readonly className = 'EulerDiscreteScheduler';
  readonly order = 1;
  readonly warnings: readonly string[];
  readonly unsupportedKeys: readonly string[];
  readonly numTrainTimesteps: number;
  timesteps: number[];
  sigmas: number[];
  private readonly cfg: SigmaSchedulerConfig;
  private readonly continuousV: boolean;
  private readonly cursor = new StepCursor(this.className);

  constructor(config: DiffusersConfig) {
    const r = new ConfigReader(this.className, config);
    this.cfg = readSigmaConfig(r, {
      betaStart: 0.0001,
      betaEnd: 0.02,
      zeroSnr: true,
      interpolation: true,
      exponential: true,
      sigmaBounds: true,
      finalSigmas: true,
    });
    this.continuousV =
      r.choice('timestep_type', 'discrete', ['discrete', 'continuous'] as const) === 'continuous' &&
      this.cfg.prediction === 'v_prediction';
    ({ unsupportedKeys: this.unsupportedKeys, warnings: this.warnings } = r.report());
    this.numTrainTimesteps = this.cfg.schedule.numTrainTimesteps;
    const train = Array.from(trainingSigmas(this.cfg.schedule.alphasCumprod)).reverse();
    this.sigmas = [...train, 0].map(Math.fround);
    this.timesteps = this.continuousV
      ? train.map((s) => Math.fround(0.25 * Math.log(Math.fround(s))))
      : train.map((_, i) => this.numTrainTimesteps - 1 - i);
  }

  get initNoiseSigma(): number {
    return sigmaInitNoise(this.sigmas, this.cfg.spacing);
  }

  setTimesteps(n: number): void {
    requireStepCount(this.className, n, this.numTrainTimesteps);
    const g = sigmaGrid(this.cfg.schedule.alphasCumprod, n, this.cfg.grid);
    this.sigmas = g.sigmas;
    // EDM's c_noise = ¼·ln σ for continuous-time v-prediction models.
    this.timesteps = this.continuousV
      ? g.sigmas.slice(0, n).map((s) => Math.fround(0.25 * Math.log(s)))
      : g.timesteps;
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
    const { sigmaHat } = churn(sigma, this.sigmas.length, options);
    const x = churnSample(this.className, sample, sigma, sigmaHat, options);
    // diffusers uses σ̂ for ε-prediction and σ for v-prediction.
    const x0 = sigmaPredX0(
      this.cfg.prediction,
      modelOutput,
      x,
      this.cfg.prediction === 'epsilon' ? sigmaHat : sigma,
    );
    const dt = this.sigmas[i + 1] - sigmaHat;
    const prev = x.map((xi, k) => xi + ((xi - x0[k]) / sigmaHat) * dt);
    this.cursor.advance();
    return { prevSample: prev, predOriginalSample: x0 };
  }

  addNoise(x0: Float64Array, noise: Float64Array, t: number): Float64Array {
    const sigma = this.sigmas[indexForTimestep(this.className, this.timesteps, t)];
    return x0.map((v, k) => v + sigma * noise[k]);
  }
}
