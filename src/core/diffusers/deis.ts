/**
 * diffusers' DEISMultistepScheduler: multistep DEIS in log ρ (Zhang & Chen 2023, "Fast
 * Sampling of Diffusion Models with Exponential Integrator", arXiv:2204.13902, §4,
 * tAB-DEIS, eq. 14, with ε̂ interpolated in log ρ instead of t). With ρ = σ_t/α_t (the
 * k-diffusion σ) the probability-flow ODE reads d(x/α)/dρ = ε̂, so
 *   x_t = α_t (x_s/α_s + Σ_j c_j ε̂_j),   c_j = ∫_{ρ_s}^{ρ_t} ℓ_j(log ρ) dρ,
 * ℓ_j the Lagrange basis through the last 1-3 noise predictions (order 1 is DDIM).
 */
import { ConfigReader, type DiffusersConfig } from './config-reader';
import type { DiffusersScheduler, StepOptions, StepOutput } from './scheduler';
import { TIMESTEP_SPACINGS, type TimestepSpacing } from './timestep-spacing';
import { buildSigmaGrid, dataFromNoise, solverTimesteps } from './multistep-common';
import { SigmaGridScheduler } from './sigma-grid-scheduler';
import { float64Ops } from '../ops';
import { logRhoIntegralWeights } from '../samplers/exponential-integrator';

export class DEISMultistepScheduler extends SigmaGridScheduler implements DiffusersScheduler {
  readonly solverOrder: number;
  private readonly lowerOrderFinal: boolean;
  private readonly karras: boolean;
  private readonly spacing: TimestepSpacing;
  private readonly stepsOffset: number;
  /** Noise predictions of the last solverOrder steps, oldest first. */
  private history: Float64Array[] = [];
  private lowerOrderNums = 0;

  constructor(config: DiffusersConfig) {
    const r = new ConfigReader('DEISMultistepScheduler', config);
    super('DEISMultistepScheduler', r, { zeroSnrKey: false });
    this.solverOrder = r.num('solver_order', 2, (v) => v === 1 || v === 2 || v === 3, '1, 2 or 3');
    // Like diffusers, DPM-Solver / UniPC settings map to DEIS's only ones, so configs can be swapped.
    r.choice('algorithm_type', 'deis', ['deis', 'dpmsolver', 'dpmsolver++']);
    r.choice('solver_type', 'logrho', ['logrho', 'midpoint', 'heun', 'bh1', 'bh2']);
    this.lowerOrderFinal = r.bool('lower_order_final', true);
    this.karras = r.bool('use_karras_sigmas', false);
    this.spacing = r.choice('timestep_spacing', 'linspace', TIMESTEP_SPACINGS);
    this.stepsOffset = r.int('steps_offset', 0);
    this.finishConfig();
  }

  setTimesteps(numInferenceSteps: number): void {
    this.checkStepCount(numInferenceSteps);
    const n = this.numTrainTimesteps;
    const timesteps = solverTimesteps(this.spacing, numInferenceSteps, n, n, this.stepsOffset);
    // DEIS always ends on the smallest training σ (ρ = 0 would put log ρ at −∞).
    this.setGrid(
      buildSigmaGrid({
        alphasCumprod: this.alphasCumprod,
        timesteps,
        sigmaSpacing: this.karras ? 'karras' : 'interp',
        finalSigma: 'sigma_min',
      }),
    );
    this.history = [];
    this.lowerOrderNums = 0;
  }

  step(
    modelOutput: Float64Array,
    t: number,
    sample: Float64Array,
    options?: StepOptions,
  ): StepOutput {
    const i = this.beginStep(t, sample, modelOutput);
    const n = this.timesteps.length;
    const lowerFinal = i === n - 1 && this.lowerOrderFinal && n < 15;
    const lowerSecond = i === n - 2 && this.lowerOrderFinal && n < 15;
    const eps = this.noisePrediction(modelOutput, sample, i, options);
    this.history = [...this.history, eps].slice(-this.solverOrder);

    let order = 3;
    if (this.solverOrder === 1 || this.lowerOrderNums < 1 || lowerFinal) order = 1;
    else if (this.solverOrder === 2 || this.lowerOrderNums < 2 || lowerSecond) order = 2;

    // Nodes: ρ at this step and the order − 1 steps before it; ε̂ newest first to match.
    const rhos = Array.from({ length: order }, (_, k) => this.sigmas[i - k]);
    const weights = logRhoIntegralWeights(this.sigmas[i + 1], rhos);
    const from = this.point(i);
    const to = this.point(i + 1);
    const h = this.history;
    const prevSample = float64Ops.lincomb([
      [to.alpha / from.alpha, sample],
      ...weights.map((w, k) => [to.alpha * w, h[h.length - 1 - k]] as const),
    ]);

    this.lowerOrderNums = Math.min(this.lowerOrderNums + 1, this.solverOrder);
    this.stepIndex = i + 1;
    return { prevSample, predOriginalSample: dataFromNoise(eps, sample, from) };
  }
}
