/**
 * PNDMScheduler: pseudo numerical methods (Liu et al. 2022, "Pseudo Numerical Methods for
 * Diffusion Models on Manifolds"): pseudo Runge–Kutta warm-up steps (eq. 13) then pseudo
 * linear multistep (PLMS, eq. 12) on the transfer function φ of eq. 11; follows diffusers'
 * scheduling_pndm.py. diffusers returns no x0 for PNDM; predOriginalSample here is the x0
 * implied by the combined ε at the step's start point.
 */
import { ConfigReader, type DiffusersConfig } from './config-reader';
import { npArange, npLinspace, roundHalfEven } from './numpy';
import type { DiffusersScheduler, PredictionType, StepOutput } from './scheduler';
import { TIMESTEP_SPACINGS, type TimestepSpacing, requireStepCount } from './timestep-spacing';
import { type VpSchedule, readVpSchedule } from './vp-schedule';

export class PNDMScheduler implements DiffusersScheduler {
  readonly className = 'PNDMScheduler';
  readonly order = 1;
  readonly initNoiseSigma = 1;
  readonly warnings: readonly string[];
  readonly unsupportedKeys: readonly string[];
  readonly numTrainTimesteps: number;
  timesteps: number[] = [];
  prkTimesteps: number[] = [];
  plmsTimesteps: number[] = [];
  private readonly schedule: VpSchedule;
  private readonly finalAlphaCumprod: number;
  private readonly skipPrk: boolean;
  private readonly prediction: Exclude<PredictionType, 'sample'>;
  private readonly spacing: TimestepSpacing;
  private readonly stepsOffset: number;
  private numInferenceSteps: number | null = null;
  private counter = 0;
  private ets: Float64Array[] = [];
  private curModelOutput: Float64Array | null = null;
  private curSample: Float64Array | null = null;

  constructor(config: DiffusersConfig) {
    const r = new ConfigReader(this.className, config);
    this.schedule = readVpSchedule(r, { zeroSnrKey: false });
    this.numTrainTimesteps = this.schedule.numTrainTimesteps;
    this.skipPrk = r.bool('skip_prk_steps', false);
    this.finalAlphaCumprod = r.bool('set_alpha_to_one', false) ? 1 : this.schedule.alphasCumprod[0];
    this.prediction = r.choice('prediction_type', 'epsilon', ['epsilon', 'v_prediction'] as const);
    this.spacing = r.choice('timestep_spacing', 'leading', TIMESTEP_SPACINGS);
    this.stepsOffset = r.int('steps_offset', 0);
    ({ unsupportedKeys: this.unsupportedKeys, warnings: this.warnings } = r.report());
  }

  private get stepRatio(): number {
    return Math.floor(this.numTrainTimesteps / (this.numInferenceSteps ?? 1));
  }

  setTimesteps(n: number): void {
    requireStepCount(this.className, n, this.numTrainTimesteps);
    if (!this.skipPrk && n < 4)
      throw new Error(
        `${this.className}: num_inference_steps must be >= 4 unless skip_prk_steps is true`,
      );
    this.numInferenceSteps = n;
    const N = this.numTrainTimesteps;
    let asc: number[];
    if (this.spacing === 'linspace') asc = npLinspace(0, N - 1, n).map(roundHalfEven);
    else if (this.spacing === 'leading')
      asc = Array.from({ length: n }, (_, i) => i * Math.floor(N / n) + this.stepsOffset);
    else
      asc = npArange(N, 0, -N / n)
        .map((t) => roundHalfEven(t) - 1)
        .reverse();
    if (this.skipPrk) {
      this.prkTimesteps = [];
      this.plmsTimesteps = [
        ...asc.slice(0, -1),
        asc[asc.length - 2],
        asc[asc.length - 1],
      ].reverse();
    } else {
      // Last 4 timesteps, each paired with its half-step (t, t + ratio/2), then doubled inside.
      const half = Math.floor(Math.floor(N / n) / 2);
      const pairs = asc.slice(-4).flatMap((t) => [t, t + half]);
      this.prkTimesteps = pairs
        .slice(0, -1)
        .flatMap((t) => [t, t])
        .slice(1, -1)
        .reverse();
      this.plmsTimesteps = asc.slice(0, -3).reverse();
    }
    this.timesteps = [...this.prkTimesteps, ...this.plmsTimesteps];
    this.counter = 0;
    this.ets = [];
    this.curModelOutput = null;
    this.curSample = null;
  }

  scaleModelInput(sample: Float64Array): Float64Array {
    return Float64Array.from(sample);
  }

  step(modelOutput: Float64Array, t: number, sample: Float64Array): StepOutput {
    if (this.numInferenceSteps === null)
      throw new Error(`${this.className}.step: call setTimesteps first`);
    return this.counter < this.prkTimesteps.length && !this.skipPrk
      ? this.stepPrk(modelOutput, t, sample)
      : this.stepPlms(modelOutput, t, sample);
  }

  /** Pseudo Runge–Kutta: four calls per step, combined with RK4 weights 1/6, 1/3, 1/3, 1/6. */
  private stepPrk(e: Float64Array, t: number, sample: Float64Array): StepOutput {
    const prevT = t - (this.counter % 2 ? 0 : Math.floor(this.stepRatio / 2));
    const startT = this.prkTimesteps[Math.floor(this.counter / 4) * 4];
    const phase = this.counter % 4;
    const acc = this.curModelOutput ?? new Float64Array(e.length);
    let eps = e;
    if (phase === 0) {
      this.curModelOutput = acc.map((v, k) => v + e[k] / 6);
      this.ets.push(e);
      this.curSample = sample;
    } else if (phase === 1 || phase === 2) {
      this.curModelOutput = acc.map((v, k) => v + e[k] / 3);
    } else {
      eps = acc.map((v, k) => v + e[k] / 6);
      this.curModelOutput = null;
    }
    const start = this.curSample ?? sample;
    this.counter++;
    return this.transfer(start, startT, prevT, eps);
  }

  /** Pseudo linear multistep: Adams–Bashforth combinations of the last ε's (orders 1–4). */
  private stepPlms(e: Float64Array, t: number, sample: Float64Array): StepOutput {
    if (!this.skipPrk && this.ets.length < 3)
      throw new Error(`${this.className}: PLMS needs the PRK warm-up steps first`);
    let prevT = t - this.stepRatio;
    let from = t;
    if (this.counter !== 1) {
      this.ets = [...this.ets.slice(-3), e];
    } else {
      prevT = t;
      from = t + this.stepRatio;
    }
    const ets = this.ets;
    const n = ets.length;
    const last = (j: number) => ets[n - 1 - j];
    let eps: Float64Array;
    let start = sample;
    if (n === 1 && this.counter === 0) {
      eps = e;
      this.curSample = sample;
    } else if (n === 1 && this.counter === 1) {
      eps = e.map((v, k) => (v + last(0)[k]) / 2);
      start = this.curSample ?? sample;
      this.curSample = null;
    } else if (n === 2) eps = e.map((_, k) => (3 * last(0)[k] - last(1)[k]) / 2);
    else if (n === 3)
      eps = e.map((_, k) => (23 * last(0)[k] - 16 * last(1)[k] + 5 * last(2)[k]) / 12);
    else
      eps = e.map(
        (_, k) => (55 * last(0)[k] - 59 * last(1)[k] + 37 * last(2)[k] - 9 * last(3)[k]) / 24,
      );
    this.counter++;
    return this.transfer(start, from, prevT, eps);
  }

  private alphaProd(t: number): number {
    if (!Number.isInteger(t) || t >= this.numTrainTimesteps) {
      throw new Error(
        `${this.className}: timestep must be an integer below ${this.numTrainTimesteps}, got ${t}`,
      );
    }
    return t >= 0 ? this.schedule.alphasCumprod[t] : this.finalAlphaCumprod;
  }

  /** The transfer φ(x_t, ε, t, t−δ) of PNDM eq. 11 (diffusers `_get_prev_sample`). */
  private transfer(
    sample: Float64Array,
    t: number,
    prevT: number,
    modelOutput: Float64Array,
  ): StepOutput {
    const at = this.alphaProd(t);
    const ap = this.alphaProd(prevT);
    const eps =
      this.prediction === 'v_prediction'
        ? modelOutput.map((m, k) => Math.sqrt(at) * m + Math.sqrt(1 - at) * sample[k])
        : modelOutput;
    const sampleCoef = Math.sqrt(ap / at);
    const denom = at * Math.sqrt(1 - ap) + Math.sqrt(at * (1 - at) * ap);
    const prev = sample.map((x, k) => sampleCoef * x - ((ap - at) * eps[k]) / denom);
    const x0 = sample.map((x, k) => (x - Math.sqrt(1 - at) * eps[k]) / Math.sqrt(at));
    return { prevSample: prev, predOriginalSample: x0 };
  }

  addNoise(x0: Float64Array, noise: Float64Array, t: number): Float64Array {
    if (t < 0) throw new Error(`${this.className}.addNoise: timestep must be ≥ 0, got ${t}`);
    const ab = this.alphaProd(t);
    return x0.map((v, i) => Math.sqrt(ab) * v + Math.sqrt(1 - ab) * noise[i]);
  }
}
