/**
 * diffusers' DPMSolverSinglestepScheduler: singlestep DPM-Solver-2/3 (Lu et al. 2022,
 * arXiv:2206.00927, Algorithms 1 and 2) and DPM-Solver++(2S) (Lu et al. 2022,
 * arXiv:2211.01095, Algorithm 1), laid out on the ordinary step grid: a k-th order
 * step is spread over k consecutive grid steps, whose first steps are first-order
 * updates that provide the intermediate model evaluations, and the k-th step restarts
 * from the sample at the start of the block. `get_order_list` fixes the order of each step.
 *
 * Stochastic variants (sde-dpmsolver++ / sde-dpmsolver) take their noise explicitly via
 * `options.noise` or `options.generator` on every `step`. Thresholding with the ε
 * algorithms uses the step's own σ (diffusers indexes α_t/σ_t by an unset timestep there).
 */
import { ConfigReader, type DiffusersConfig } from './config-reader';
import { type DiffusersScheduler, type StepOptions, type StepOutput, stepNoise } from './scheduler';
import {
  type DpmAlgorithm,
  type DpmSolverType,
  divDiff,
  dpmUpdate,
  isSde,
  predictsData,
} from './dpmsolver-update';
import { readDpmSolverKeys, readFinalSigma } from './dpmsolver-multistep';
import {
  type FinalSigma,
  buildSigmaGrid,
  clippedTimestepCount,
  dataFromNoise,
  solverTimesteps,
} from './multistep-common';
import { SigmaGridScheduler } from './sigma-grid-scheduler';

/** diffusers' `get_order_list`: the solver order of every step of an n-step run. */
export function singlestepOrders(n: number, order: number, lowerOrderFinal: boolean): number[] {
  const repeat = (block: number[], times: number) =>
    Array.from({ length: times }, () => block).flat();
  if (order === 1) return repeat([1], n);
  if (!lowerOrderFinal)
    return order === 3 ? repeat([1, 2, 3], Math.floor(n / 3)) : repeat([1, 2], Math.floor(n / 2));
  if (order === 3) {
    if (n % 3 === 0) return [...repeat([1, 2, 3], n / 3 - 1), 1, 2, 1];
    return n % 3 === 1
      ? [...repeat([1, 2, 3], (n - 1) / 3), 1]
      : [...repeat([1, 2, 3], (n - 2) / 3), 1, 2];
  }
  return n % 2 === 0 ? [...repeat([1, 2], n / 2 - 1), 1, 1] : [...repeat([1, 2], (n - 1) / 2), 1];
}

export class DPMSolverSinglestepScheduler extends SigmaGridScheduler implements DiffusersScheduler {
  readonly solverOrder: number;
  readonly algorithm: DpmAlgorithm;
  readonly solverType: DpmSolverType;
  /** Turned on by setTimesteps when the run needs it, as diffusers' register_to_config does. */
  private lowerOrderFinal: boolean;
  private readonly karras: boolean;
  private readonly finalSigma: FinalSigma;
  private readonly lambdaMinClipped: number;
  private orders: number[] = [];
  /** Converted model outputs since the current block began (at most solverOrder), oldest first. */
  private history: Float64Array[] = [];
  /** The sample at the start of the current singlestep block (diffusers' `self.sample`). */
  private blockSample: Float64Array | null = null;

  constructor(config: DiffusersConfig) {
    const r = new ConfigReader('DPMSolverSinglestepScheduler', config);
    super('DPMSolverSinglestepScheduler', r, { zeroSnrKey: false });
    this.solverOrder = r.num('solver_order', 2, (v) => v === 1 || v === 2 || v === 3, '1, 2 or 3');
    ({ algorithm: this.algorithm, solverType: this.solverType } = readDpmSolverKeys(r));
    if (isSde(this.algorithm) && this.solverOrder === 3) {
      throw new Error(
        `${this.className}: ${this.algorithm} has no third-order solver; use solver_order 1 or 2`,
      );
    }
    this.lowerOrderFinal = r.bool('lower_order_final', false);
    this.karras = r.bool('use_karras_sigmas', false);
    this.finalSigma = readFinalSigma(r, this.algorithm);
    this.lambdaMinClipped = r.optionalNum('lambda_min_clipped') ?? -Infinity;
    this.finishConfig();
  }

  /** Solver order of each step of the current run. */
  get stepOrders(): readonly number[] {
    return this.orders;
  }

  setTimesteps(numInferenceSteps: number): void {
    this.checkStepCount(numInferenceSteps);
    const last = clippedTimestepCount(this.alphasCumprod, this.lambdaMinClipped);
    const timesteps = solverTimesteps(
      'linspace',
      numInferenceSteps,
      last,
      this.numTrainTimesteps,
      0,
    );
    this.setGrid(
      buildSigmaGrid({
        alphasCumprod: this.alphasCumprod,
        timesteps,
        sigmaSpacing: this.karras ? 'karras' : 'interp',
        finalSigma: this.finalSigma,
      }),
    );
    // An uneven block count or a final σ of 0 needs first-order final steps (diffusers forces it).
    if (numInferenceSteps % this.solverOrder !== 0 || this.finalSigma === 'zero')
      this.lowerOrderFinal = true;
    this.orders = singlestepOrders(numInferenceSteps, this.solverOrder, this.lowerOrderFinal);
    this.history = [];
    this.blockSample = null;
  }

  step(
    modelOutput: Float64Array,
    t: number,
    sample: Float64Array,
    options?: StepOptions,
  ): StepOutput {
    const i = this.beginStep(t, sample, modelOutput);
    const dataAlgorithm = predictsData(this.algorithm);
    const m0 = dataAlgorithm
      ? this.dataPrediction(modelOutput, sample, i, options)
      : this.noisePrediction(modelOutput, sample, i, options);
    this.history = [...this.history, m0].slice(-this.solverOrder);
    const noise = isSde(this.algorithm) ? stepNoise(this.className, sample.length, options) : null;

    // A run entered mid-block (img2img) has too little history: lower the order until it fits.
    const order = Math.min(this.orders[i], this.history.length);
    if (order === 1 || this.blockSample === null) this.blockSample = sample;
    const prevSample = this.update(order, i, this.blockSample, noise);

    this.stepIndex = i + 1;
    const predOriginalSample = dataAlgorithm ? m0 : dataFromNoise(m0, sample, this.point(i));
    return { prevSample, predOriginalSample };
  }

  /** The order-k singlestep update from grid point i − k + 1 (the block start) to i + 1. */
  private update(
    order: number,
    i: number,
    blockSample: Float64Array,
    noise: Float64Array | null,
  ): Float64Array {
    const h = this.history;
    const [m0, m1, m2] = [h[h.length - 1], h[h.length - 2], h[h.length - 3]];
    const to = this.point(i + 1);
    const base = {
      algorithm: this.algorithm,
      solverType: this.solverType,
      sample: blockSample,
      to,
      noise,
    };
    if (order === 1) return dpmUpdate({ ...base, from: this.point(i), d0: m0 });
    if (order === 2) {
      const s1 = this.point(i - 1);
      const r0 = (this.point(i).lambda - s1.lambda) / (to.lambda - s1.lambda);
      return dpmUpdate({ ...base, from: s1, d0: m1, d1: divDiff(m0, m1, r0) });
    }
    const s2 = this.point(i - 2);
    const step = to.lambda - s2.lambda;
    const r0 = (this.point(i).lambda - s2.lambda) / step;
    const r1 = (this.point(i - 1).lambda - s2.lambda) / step;
    const d10 = divDiff(m1, m2, r1);
    const d11 = divDiff(m0, m2, r0);
    // DPM-Solver-3: "midpoint" keeps only the slope through the latest stage, "heun" fits D1 and D2.
    if (this.solverType === 'midpoint')
      return dpmUpdate({ ...base, solverType: 'heun', from: s2, d0: m2, d1: d11 });
    const d1 = d10.map((v, k) => (r0 * v - r1 * d11[k]) / (r0 - r1));
    const d2 = d11.map((v, k) => (2 * (v - d10[k])) / (r0 - r1));
    return dpmUpdate({ ...base, solverType: 'heun', from: s2, d0: m2, d1, d2 });
  }
}
