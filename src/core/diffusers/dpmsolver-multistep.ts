/**
 * diffusers' DPMSolverMultistepScheduler: multistep DPM-Solver / DPM-Solver++ of
 * orders 1-3 (Lu et al. 2022, arXiv:2206.00927; Lu et al. 2022, arXiv:2211.01095,
 * Algorithm 2 "DPM-Solver++(2M)"), plus its SDE variants. Each step reuses the model
 * outputs of the previous steps as finite differences in λ (half log-SNR).
 *
 * Stochastic variants (algorithm_type sde-dpmsolver++ / sde-dpmsolver) take their noise
 * explicitly: pass `options.noise` (standard normal, shaped like the sample) or
 * `options.generator` to every `step`; diffusers draws it from a torch generator instead.
 */
import { ConfigReader, type DiffusersConfig } from './config-reader';
import { type DiffusersScheduler, type StepOptions, type StepOutput, stepNoise } from './scheduler';
import { TIMESTEP_SPACINGS, type TimestepSpacing } from './timestep-spacing';
import {
  type DpmAlgorithm,
  DPM_ALGORITHMS,
  type DpmSolverType,
  divDiff,
  dpmUpdate,
  isSde,
  predictsData,
} from './dpmsolver-update';
import {
  type FinalSigma,
  type SigmaSpacing,
  buildSigmaGrid,
  clippedTimestepCount,
  dataFromNoise,
  solverTimesteps,
} from './multistep-common';
import { SigmaGridScheduler } from './sigma-grid-scheduler';

/**
 * algorithm_type / solver_type as the DPM-Solver classes read them. Like diffusers, a
 * config written for DEIS or UniPC is accepted: "deis" becomes dpmsolver++ and
 * "logrho" / "bh1" / "bh2" become midpoint, so configs can be swapped between classes.
 */
export function readDpmSolverKeys(r: ConfigReader): {
  algorithm: DpmAlgorithm;
  solverType: DpmSolverType;
} {
  const a = r.choice('algorithm_type', 'dpmsolver++', [...DPM_ALGORITHMS, 'deis']);
  const s = r.choice('solver_type', 'midpoint', ['midpoint', 'heun', 'logrho', 'bh1', 'bh2']);
  return {
    algorithm: a === 'deis' ? 'dpmsolver++' : a,
    solverType: s === 'heun' ? 'heun' : 'midpoint',
  };
}

/** final_sigmas_type, which must be sigma_min for the ε-prediction algorithms (as diffusers requires). */
export function readFinalSigma(r: ConfigReader, algorithm: DpmAlgorithm): FinalSigma {
  const f = r.choice<FinalSigma>('final_sigmas_type', 'zero', ['zero', 'sigma_min']);
  if (f === 'zero' && !predictsData(algorithm)) {
    throw new Error(
      `${r.className}: final_sigmas_type "zero" is not supported for algorithm_type "${algorithm}"; use "sigma_min"`,
    );
  }
  return f;
}

export class DPMSolverMultistepScheduler extends SigmaGridScheduler implements DiffusersScheduler {
  readonly solverOrder: number;
  readonly algorithm: DpmAlgorithm;
  readonly solverType: DpmSolverType;
  private readonly lowerOrderFinal: boolean;
  private readonly eulerAtFinal: boolean;
  private readonly sigmaSpacing: SigmaSpacing;
  private readonly finalSigma: FinalSigma;
  private readonly lambdaMinClipped: number;
  private readonly spacing: TimestepSpacing;
  private readonly stepsOffset: number;
  /** Converted model outputs of the last solverOrder steps, oldest first. */
  private history: Float64Array[] = [];
  private lowerOrderNums = 0;

  constructor(config: DiffusersConfig) {
    const r = new ConfigReader('DPMSolverMultistepScheduler', config);
    super('DPMSolverMultistepScheduler', r, { zeroSnrKey: true });
    this.solverOrder = r.num('solver_order', 2, (v) => v === 1 || v === 2 || v === 3, '1, 2 or 3');
    ({ algorithm: this.algorithm, solverType: this.solverType } = readDpmSolverKeys(r));
    if (isSde(this.algorithm) && this.solverOrder === 3) {
      throw new Error(
        `${this.className}: ${this.algorithm} has no third-order solver; use solver_order 1 or 2`,
      );
    }
    this.lowerOrderFinal = r.bool('lower_order_final', true);
    this.eulerAtFinal = r.bool('euler_at_final', false);
    const karras = r.bool('use_karras_sigmas', false);
    const lu = r.bool('use_lu_lambdas', false);
    this.sigmaSpacing = karras ? 'karras' : lu ? 'lu' : 'interp';
    this.finalSigma = readFinalSigma(r, this.algorithm);
    this.lambdaMinClipped = r.optionalNum('lambda_min_clipped') ?? -Infinity;
    this.spacing = r.choice('timestep_spacing', 'linspace', TIMESTEP_SPACINGS);
    this.stepsOffset = r.int('steps_offset', 0);
    this.finishConfig();
  }

  setTimesteps(numInferenceSteps: number): void {
    this.checkStepCount(numInferenceSteps);
    const last = clippedTimestepCount(this.alphasCumprod, this.lambdaMinClipped);
    const timesteps = solverTimesteps(
      this.spacing,
      numInferenceSteps,
      last,
      this.numTrainTimesteps,
      this.stepsOffset,
    );
    this.setGrid(
      buildSigmaGrid({
        alphasCumprod: this.alphasCumprod,
        timesteps,
        sigmaSpacing: this.sigmaSpacing,
        finalSigma: this.finalSigma,
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
    // diffusers lowers the order on the last (and, below 15 steps, second-to-last) step.
    const lowerFinal =
      i === n - 1 &&
      (this.eulerAtFinal || (this.lowerOrderFinal && n < 15) || this.finalSigma === 'zero');
    const lowerSecond = i === n - 2 && this.lowerOrderFinal && n < 15;

    const dataAlgorithm = predictsData(this.algorithm);
    const m0 = dataAlgorithm
      ? this.dataPrediction(modelOutput, sample, i, options)
      : this.noisePrediction(modelOutput, sample, i, options);
    this.history = [...this.history, m0].slice(-this.solverOrder);
    const noise = isSde(this.algorithm) ? stepNoise(this.className, sample.length, options) : null;

    let order = 3;
    if (this.solverOrder === 1 || this.lowerOrderNums < 1 || lowerFinal) order = 1;
    else if (this.solverOrder === 2 || this.lowerOrderNums < 2 || lowerSecond) order = 2;
    const prevSample = this.update(order, i, sample, noise);

    this.lowerOrderNums = Math.min(this.lowerOrderNums + 1, this.solverOrder);
    this.stepIndex = i + 1;
    const predOriginalSample = dataAlgorithm ? m0 : dataFromNoise(m0, sample, this.point(i));
    return { prevSample, predOriginalSample };
  }

  /** Multistep update from grid point i to i + 1 using the last `order` model outputs. */
  private update(
    order: number,
    i: number,
    sample: Float64Array,
    noise: Float64Array | null,
  ): Float64Array {
    const h = this.history;
    const [m0, m1, m2] = [h[h.length - 1], h[h.length - 2], h[h.length - 3]];
    const s0 = this.point(i);
    const base = {
      algorithm: this.algorithm,
      solverType: this.solverType,
      sample,
      from: s0,
      to: this.point(i + 1),
      noise,
    };
    if (order === 1) return dpmUpdate({ ...base, d0: m0 });
    const step = base.to.lambda - s0.lambda;
    const r0 = (s0.lambda - this.point(i - 1).lambda) / step;
    if (order === 2) return dpmUpdate({ ...base, d0: m0, d1: divDiff(m0, m1, r0) });
    // Third order: D1, D2 from the divided differences of three outputs (DPM-Solver-3 multistep).
    const r1 = (this.point(i - 1).lambda - this.point(i - 2).lambda) / step;
    const d10 = divDiff(m0, m1, r0);
    const d11 = divDiff(m1, m2, r1);
    const d2 = divDiff(d10, d11, r0 + r1);
    const d1 = d10.map((v, k) => v + r0 * d2[k]);
    return dpmUpdate({ ...base, solverType: 'heun', d0: m0, d1, d2 });
  }
}
