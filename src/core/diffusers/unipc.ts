/**
 * diffusers' UniPCMultistepScheduler: UniPC (Zhao et al. 2023, "UniPC: A Unified
 * Predictor-Corrector Framework for Fast Sampling of Diffusion Models", arXiv:2302.04867),
 * the UniP-p predictor (Algorithm 2) and the UniC-p corrector (Algorithm 1), multistep.
 * With ĥ = −h for data prediction (predict_x0) or ĥ = h for noise prediction, and
 * B(ĥ) = ĥ ("bh1") or e^{ĥ} − 1 ("bh2"), an update from s0 to t reads
 *   x_t = (σ_t/σ_s0) x − α_t (e^{ĥ} − 1) m0 − α_t B(ĥ) Σ_k ρ_k D1_k          (data)
 *   x_t = (α_t/α_s0) x − σ_t (e^{ĥ} − 1) m0 − σ_t B(ĥ) Σ_k ρ_k D1_k          (noise)
 * with D1_k = (m_k − m0)/r_k, r_k = (λ_k − λ_s0)/h, and ρ solving R ρ = b for
 * R_ik = r_k^{i−1}, b_i = ĥ φ_{i+1}(ĥ) i!/B(ĥ) — except ρ = ½ for UniP-2 and UniC-1.
 * The corrector re-runs the last update with the new model output as one more node
 * (r = 1); it costs no model evaluation.
 */
import { ConfigReader, type DiffusersConfig } from './config-reader';
import type { DiffusersScheduler, StepOptions, StepOutput } from './scheduler';
import { TIMESTEP_SPACINGS, type TimestepSpacing } from './timestep-spacing';
import { divDiff } from './dpmsolver-update';
import {
  type FinalSigma,
  type VpPoint,
  buildSigmaGrid,
  dataFromNoise,
  solverTimesteps,
} from './multistep-common';
import { SigmaGridScheduler } from './sigma-grid-scheduler';
import { float64Ops } from '../ops';
import { solveSmall } from '../samplers/exponential-integrator';

type BhVariant = 'bh1' | 'bh2';

interface BhCoefficients {
  hh: number;
  /** e^{ĥ} − 1 */
  hPhi1: number;
  /** B(ĥ) */
  bh: number;
  R: number[][];
  b: number[];
}

/** diffusers' R and b for `order` nodes r (the last of which is 1). */
function bhCoefficients(
  h: number,
  rks: readonly number[],
  order: number,
  predictX0: boolean,
  variant: BhVariant,
): BhCoefficients {
  const hh = predictX0 ? -h : h;
  const hPhi1 = Math.expm1(hh);
  const bh = variant === 'bh1' ? hh : Math.expm1(hh);
  const R: number[][] = [];
  const b: number[] = [];
  let hPhiK = hPhi1 / hh - 1;
  let factorial = 1;
  for (let i = 1; i <= order; i++) {
    R.push(rks.map((r) => r ** (i - 1)));
    b.push((hPhiK * factorial) / bh);
    factorial *= i + 1;
    hPhiK = hPhiK / hh - 1 / factorial;
  }
  return { hh, hPhi1, bh, R, b };
}

/** config.disable_corrector (step indices), taken out of the config because it is a list. */
function splitDisableCorrector(config: DiffusersConfig): {
  rest: DiffusersConfig;
  steps: Set<number>;
} {
  const v = config.disable_corrector;
  if (v === undefined || v === null) return { rest: config, steps: new Set() };
  if (!Array.isArray(v) || !v.every((x) => Number.isInteger(x))) {
    throw new Error(
      `UniPCMultistepScheduler: config.disable_corrector must be a list of step indices, got ${JSON.stringify(v)}`,
    );
  }
  const rest: Record<string, unknown> = { ...config };
  delete rest.disable_corrector;
  return { rest, steps: new Set(v as number[]) };
}

export class UniPCMultistepScheduler extends SigmaGridScheduler implements DiffusersScheduler {
  readonly solverOrder: number;
  readonly predictX0: boolean;
  readonly bhVariant: BhVariant;
  private readonly lowerOrderFinal: boolean;
  private readonly disableCorrector: ReadonlySet<number>;
  private readonly karras: boolean;
  private readonly finalSigma: FinalSigma;
  private readonly spacing: TimestepSpacing;
  private readonly stepsOffset: number;
  /** Converted model outputs of the last solverOrder steps, oldest first. */
  private history: Float64Array[] = [];
  private lowerOrderNums = 0;
  /** The sample the last predictor started from, and that predictor's order. */
  private lastSample: Float64Array | null = null;
  private lastOrder = 0;

  constructor(config: DiffusersConfig) {
    const { rest, steps } = splitDisableCorrector(config);
    const r = new ConfigReader('UniPCMultistepScheduler', rest);
    super('UniPCMultistepScheduler', r, { zeroSnrKey: true });
    this.disableCorrector = steps;
    this.solverOrder = r.int('solver_order', 2, 1);
    this.predictX0 = r.bool('predict_x0', true);
    // Like diffusers, DPM-Solver / DEIS solver types map to bh2 so configs can be swapped between classes.
    const type = r.choice('solver_type', 'bh2', ['bh1', 'bh2', 'midpoint', 'heun', 'logrho']);
    this.bhVariant = type === 'bh1' ? 'bh1' : 'bh2';
    this.lowerOrderFinal = r.bool('lower_order_final', true);
    this.karras = r.bool('use_karras_sigmas', false);
    this.finalSigma = r.choice<FinalSigma>('final_sigmas_type', 'zero', ['zero', 'sigma_min']);
    this.spacing = r.choice('timestep_spacing', 'linspace', TIMESTEP_SPACINGS);
    this.stepsOffset = r.int('steps_offset', 0);
    r.onlyDefault('flow_shift', 1);
    r.onlyDefault('time_shift_type', 'exponential');
    this.finishConfig();
  }

  setTimesteps(numInferenceSteps: number): void {
    this.checkStepCount(numInferenceSteps);
    const n = this.numTrainTimesteps;
    const timesteps = solverTimesteps(this.spacing, numInferenceSteps, n, n, this.stepsOffset);
    this.setGrid(
      buildSigmaGrid({
        alphasCumprod: this.alphasCumprod,
        timesteps,
        sigmaSpacing: this.karras ? 'karras' : 'interp',
        finalSigma: this.finalSigma,
      }),
    );
    this.history = [];
    this.lowerOrderNums = 0;
    this.lastSample = null;
  }

  step(
    modelOutput: Float64Array,
    t: number,
    sample: Float64Array,
    options?: StepOptions,
  ): StepOutput {
    const i = this.beginStep(t, sample, modelOutput);
    const m = this.predictX0
      ? this.dataPrediction(modelOutput, sample, i, options)
      : this.noisePrediction(modelOutput, sample, i, options);
    const predOriginalSample = this.predictX0 ? m : dataFromNoise(m, sample, this.point(i));

    let x = sample;
    if (i > 0 && !this.disableCorrector.has(i - 1) && this.lastSample !== null) {
      x = this.correct(m, this.lastSample, i);
    }
    this.history = [...this.history, m].slice(-this.solverOrder);
    const wanted = this.lowerOrderFinal
      ? Math.min(this.solverOrder, this.timesteps.length - i)
      : this.solverOrder;
    this.lastOrder = Math.min(wanted, this.lowerOrderNums + 1);
    this.lastSample = x;
    const prevSample = this.predict(x, i);

    this.lowerOrderNums = Math.min(this.lowerOrderNums + 1, this.solverOrder);
    this.stepIndex = i + 1;
    return { prevSample, predOriginalSample };
  }

  /** UniP-p from grid point i to i + 1, p = lastOrder, nodes at i − 1, …, i − p + 1. */
  private predict(x: Float64Array, i: number): Float64Array {
    const order = this.lastOrder;
    const h = this.history;
    const m0 = h[h.length - 1];
    const s0 = this.point(i);
    const to = this.point(i + 1);
    const step = to.lambda - s0.lambda;
    const rks: number[] = [];
    const d1s: Float64Array[] = [];
    for (let k = 1; k < order; k++) {
      const rk = (this.point(i - k).lambda - s0.lambda) / step;
      rks.push(rk);
      d1s.push(divDiff(h[h.length - 1 - k], m0, rk));
    }
    const c = bhCoefficients(step, [...rks, 1], order, this.predictX0, this.bhVariant);
    const rhos = order === 2 ? [0.5] : order > 2 ? solveSmall(c.R, c.b.slice(0, order - 1)) : [];
    return this.combine(x, s0, to, m0, c, rhos, d1s);
  }

  /** UniC-p at grid point i: redo the update from i − 1 with the new output `mT` as a node at r = 1. */
  private correct(mT: Float64Array, lastSample: Float64Array, i: number): Float64Array {
    const order = this.lastOrder;
    const h = this.history;
    const m0 = h[h.length - 1];
    const s0 = this.point(i - 1);
    const to = this.point(i);
    const step = to.lambda - s0.lambda;
    const rks: number[] = [];
    const d1s: Float64Array[] = [];
    for (let k = 1; k < order; k++) {
      const rk = (this.point(i - 1 - k).lambda - s0.lambda) / step;
      rks.push(rk);
      d1s.push(divDiff(h[h.length - 1 - k], m0, rk));
    }
    const c = bhCoefficients(step, [...rks, 1], order, this.predictX0, this.bhVariant);
    const rhos = order === 1 ? [0.5] : solveSmall(c.R, c.b);
    return this.combine(lastSample, s0, to, m0, c, rhos, [...d1s, divDiff(mT, m0, 1)]);
  }

  /** The B(h) update shared by predictor and corrector; ρ_k weights D1_k. */
  private combine(
    x: Float64Array,
    from: VpPoint,
    to: VpPoint,
    m0: Float64Array,
    c: BhCoefficients,
    rhos: readonly number[],
    d1s: readonly Float64Array[],
  ): Float64Array {
    const [xCoef, scale] = this.predictX0
      ? [to.sigma / from.sigma, to.alpha]
      : [to.alpha / from.alpha, to.sigma];
    const terms: Array<readonly [number, Float64Array]> = [
      [xCoef, x],
      [-scale * c.hPhi1, m0],
    ];
    // With no D1 terms (first order) the B(h) term is exactly 0; skipping it also avoids ∞·0 when σ_t = 0.
    d1s.forEach((d, k) => terms.push([-scale * c.bh * rhos[k], d]));
    return float64Ops.lincomb(terms);
  }
}
