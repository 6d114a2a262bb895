/**
 * EDMEulerScheduler: Karras et al. 2022 ("Elucidating the Design Space of Diffusion-Based
 * Generative Models"), Algorithm 2 with Euler steps and the EDM preconditioning of Table 1
 * (c_in, c_skip, c_out, c_noise = ¼ ln σ); follows diffusers' scheduling_edm_euler.py.
 * Timesteps are c_noise(σ). Churn (options.sChurn > 0) needs options.noise or options.generator.
 */
import { ConfigReader, type DiffusersConfig } from './config-reader';
import { npLinspace } from './numpy';
import type { DiffusersScheduler, StepOptions, StepOutput } from './scheduler';
import { churn, churnSample } from './euler';
import { indexForTimestep, karrasSigmas, StepCursor } from './sigmas';

export class EDMEulerScheduler implements DiffusersScheduler {
  readonly className = 'EDMEulerScheduler';
  readonly order = 1;
  readonly warnings: readonly string[];
  readonly unsupportedKeys: readonly string[];
  readonly numTrainTimesteps: number;
  readonly initNoiseSigma: number;
  timesteps: number[] = [];
  sigmas: number[] = [];
  private readonly sigmaMin: number;
  private readonly sigmaMax: number;
  private readonly sigmaData: number;
  private readonly rho: number;
  private readonly schedule: 'karras' | 'exponential';
  private readonly prediction: 'epsilon' | 'v_prediction';
  private readonly finalSigma: 'zero' | 'sigma_min';
  private readonly cursor = new StepCursor(this.className);

  constructor(config: DiffusersConfig) {
    const r = new ConfigReader(this.className, config);
    const positive = (v: number) => v > 0;
    this.sigmaMin = r.num('sigma_min', 0.002, positive, 'a positive number');
    this.sigmaMax = r.num('sigma_max', 80, (v) => v > this.sigmaMin, 'a number above sigma_min');
    this.sigmaData = r.num('sigma_data', 0.5, positive, 'a positive number');
    this.schedule = r.choice('sigma_schedule', 'karras', ['karras', 'exponential'] as const);
    this.numTrainTimesteps = r.int('num_train_timesteps', 1000, 1);
    this.prediction = r.choice('prediction_type', 'epsilon', ['epsilon', 'v_prediction'] as const);
    this.rho = r.num('rho', 7, positive, 'a positive number');
    this.finalSigma = r.choice('final_sigmas_type', 'zero', ['zero', 'sigma_min'] as const);
    ({ unsupportedKeys: this.unsupportedKeys, warnings: this.warnings } = r.report());
    this.initNoiseSigma = Math.sqrt(this.sigmaMax ** 2 + 1);
    this.setGrid(this.numTrainTimesteps + 1);
  }

  /** n σ's from σmax to σmin (Karras ρ-schedule or log-uniform), then the final σ; timesteps c_noise(σ). */
  private setGrid(n: number): void {
    const sig =
      this.schedule === 'karras'
        ? karrasSigmas(this.sigmaMin, this.sigmaMax, n, this.rho)
        : npLinspace(Math.log(this.sigmaMin), Math.log(this.sigmaMax), n).map(Math.exp).reverse();
    const f32 = sig.map(Math.fround);
    this.timesteps = f32.map((s) => Math.fround(0.25 * Math.log(s)));
    this.sigmas = [...f32, this.finalSigma === 'zero' ? 0 : this.sigmaMin];
    this.cursor.reset();
  }

  setTimesteps(n: number): void {
    if (!Number.isInteger(n) || n < 1)
      throw new Error(
        `${this.className}.setTimesteps: numInferenceSteps must be a positive integer, got ${n}`,
      );
    this.setGrid(n);
  }

  /** c_in(σ) = 1 / sqrt(σ² + σ_data²). */
  scaleModelInput(sample: Float64Array, t: number): Float64Array {
    const sigma = this.sigmas[this.cursor.at(this.timesteps, t)];
    const c = 1 / Math.sqrt(sigma * sigma + this.sigmaData ** 2);
    return sample.map((x) => x * c);
  }

  /** D(x; σ) = c_skip·x + c_out·F (EDM Table 1; c_out changes sign for v-prediction). */
  private denoised(sample: Float64Array, modelOutput: Float64Array, sigma: number): Float64Array {
    const sd2 = this.sigmaData ** 2;
    const cSkip = sd2 / (sigma * sigma + sd2);
    const cOut =
      ((this.prediction === 'epsilon' ? 1 : -1) * sigma * this.sigmaData) /
      Math.sqrt(sigma * sigma + sd2);
    return sample.map((x, k) => cSkip * x + cOut * modelOutput[k]);
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
    const x0 = this.denoised(x, modelOutput, sigmaHat);
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
