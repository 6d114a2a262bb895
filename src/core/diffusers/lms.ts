/**
 * LMSDiscreteScheduler: linear multistep (Adams–Bashforth in σ) over the PF-ODE
 * dx/dσ = (x − x0)/σ, k-diffusion's `sample_lms` (Karras et al. 2022 discuss it as a
 * baseline); follows diffusers' scheduling_lms_discrete.py. Coefficients integrate the
 * Lagrange basis over [σ_i, σ_{i+1}] — exactly here (Gauss–Legendre), where diffusers uses
 * scipy's quad on the same polynomial.
 */
import { ConfigReader, type DiffusersConfig } from './config-reader';
import type { DiffusersScheduler, StepOptions, StepOutput } from './scheduler';
import { requireStepCount } from './timestep-spacing';
import { readSigmaConfig, type SigmaSchedulerConfig } from './sigma-config';
import { StepCursor, indexForTimestep, sigmaGrid, sigmaInitNoise, sigmaPredX0 } from './sigmas';

export interface LmsStepOptions extends StepOptions {
  /** Multistep order (diffusers' `order` argument of step), default 4. */
  order?: number;
}

// 4-point Gauss–Legendre: exact for the degree ≤ 3 Lagrange polynomials of order ≤ 4.
const GL_X = [-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526];
const GL_W = [0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538];

/** ∫_{σ_i}^{σ_{i+1}} ℓ_j(τ) dτ where ℓ_j is the Lagrange basis on σ_i, σ_{i−1}, …, σ_{i−order+1}. */
export function lmsCoefficient(
  sigmas: readonly number[],
  order: number,
  i: number,
  j: number,
): number {
  const ell = (tau: number): number => {
    let p = 1;
    for (let k = 0; k < order; k++) {
      if (k !== j) p *= (tau - sigmas[i - k]) / (sigmas[i - j] - sigmas[i - k]);
    }
    return p;
  };
  const a = sigmas[i];
  const b = sigmas[i + 1];
  const half = (b - a) / 2;
  return GL_X.reduce((acc, x, q) => acc + GL_W[q] * ell(a + half * (x + 1)), 0) * half;
}

export class LMSDiscreteScheduler implements DiffusersScheduler {
  readonly className = 'LMSDiscreteScheduler';
  readonly order = 1;
  readonly warnings: readonly string[];
  readonly unsupportedKeys: readonly string[];
  readonly numTrainTimesteps: number;
  timesteps: number[] = [];
  sigmas: number[] = [];
  private readonly cfg: SigmaSchedulerConfig;
  private readonly cursor = new StepCursor(this.className);
  private derivatives: Float64Array[] = [];

  constructor(config: DiffusersConfig) {
    const r = new ConfigReader(this.className, config);
    this.cfg = readSigmaConfig(r, {
      betaStart: 0.0001,
      betaEnd: 0.02,
      zeroSnr: false,
      interpolation: false,
      exponential: true,
      sigmaBounds: false,
      finalSigmas: false,
    });
    ({ unsupportedKeys: this.unsupportedKeys, warnings: this.warnings } = r.report());
    this.numTrainTimesteps = this.cfg.schedule.numTrainTimesteps;
    this.setTimesteps(this.numTrainTimesteps);
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
    this.derivatives = [];
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
    options: LmsStepOptions = {},
  ): StepOutput {
    const maxOrder = options.order ?? 4;
    if (!Number.isInteger(maxOrder) || maxOrder < 1 || maxOrder > 4)
      throw new Error(`${this.className}.step: order must be 1..4`);
    const i = this.cursor.at(this.timesteps, t);
    const sigma = this.sigmas[i];
    const x0 = sigmaPredX0(this.cfg.prediction, modelOutput, sample, sigma);
    this.derivatives.push(sample.map((x, k) => (x - x0[k]) / sigma));
    if (this.derivatives.length > maxOrder) this.derivatives.shift();
    const order = Math.min(i + 1, maxOrder);
    const prev = Float64Array.from(sample);
    for (let j = 0; j < order; j++) {
      const c = lmsCoefficient(this.sigmas, order, i, j);
      const d = this.derivatives[this.derivatives.length - 1 - j];
      for (let k = 0; k < prev.length; k++) prev[k] += c * d[k];
    }
    this.cursor.advance();
    return { prevSample: prev, predOriginalSample: x0 };
  }

  addNoise(x0: Float64Array, noise: Float64Array, t: number): Float64Array {
    const sigma = this.sigmas[indexForTimestep(this.className, this.timesteps, t)];
    return x0.map((v, k) => v + sigma * noise[k]);
  }
}
