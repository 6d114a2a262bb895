import * as tf from '@tensorflow/tfjs-core';
import { consistencyCoefficients, consistencyDenoiser } from '../../core/denoisers/consistency';
import { consistencyPair, karrasLevels } from '../../core/distill/consistencyTraining';
import { denoisePerRow } from '../../core/distill/levels';
import { progressiveBatch, uniformTGrid } from '../../core/distill/progressive';
import type { Denoiser } from '../../core/samplers/types';
import { mlp2dDenoiser } from '../denoiser2d';
import { mlp2dForward } from '../mlp2d';
import { tfOps } from '../tfOps';
import type { DistillSettings } from './distillSettings';
import type { TrainingBatch } from './objectives';
import type { Trainer } from './trainer';

/**
 * Training-based acceleration in the train view, on a Trainer's network and steps:
 *  - 'distill': progressive distillation (Salimans & Ho 2022, Algorithm 2). The teacher runs
 *    DDIM (η = 0) on the uniform-t grid of `teacherSteps` steps; round r trains a student of
 *    teacherSteps/2^(r+1) steps for `roundSteps` steps, then the student's EMA weights, frozen,
 *    teach the next round (the student trains on, so each round starts from its teacher).
 *    The student predicts v (x̂ = s·x_t − sσ·v̂), trained on Algorithm 2's x-target with the
 *    truncated-SNR weight max(1/σ², 1).
 *  - 'cd' / 'ct': consistency distillation (Heun steps of the teacher) and consistency training
 *    (Song et al. 2023, Algorithms 2 and 3) on `levels` Karras levels spanning the schedule's
 *    σ range; f = c_skip·x + c_out·F with EDM's coefficients (σ_data = 1: the data sets are
 *    standardised) and λ = 1; the target network θ⁻ is the trainer's EMA.
 */
export const CONSISTENCY_SIGMA_DATA = 1;
/** The NFEs at which a consistency model's multistep samples are measured. */
export const CONSISTENCY_NFES = [1, 2, 4];

/** A network's denoiser on float64 arrays: one tensor call and read-back per call. */
export function float64Denoiser(d: Denoiser<tf.Tensor>): Denoiser<Float64Array> {
  return (x, sigma) => {
    const out = tf.tidy(() => d(tf.tensor2d(Float32Array.from(x), [x.length / 2, 2]), sigma));
    const values = Float64Array.from(out.dataSync());
    out.dispose();
    return values;
  };
}

export class DistillationRun {
  readonly settings: DistillSettings;
  private readonly trainer: Trainer;
  private readonly firstTeacher: Denoiser<Float64Array>;
  private teacher: Denoiser<Float64Array>;
  private frozen: tf.NamedTensorMap | null = null;
  private round = 0;
  private readonly consistencyLevels: number[];

  constructor(trainer: Trainer, teacher: Denoiser<Float64Array>, settings: DistillSettings) {
    const { teacherSteps, roundSteps, levels } = settings;
    if (!(Number.isInteger(Math.log2(teacherSteps)) && teacherSteps >= 2))
      throw new Error(
        `distillation: the teacher's steps must be a power of two ≥ 2, got ${teacherSteps}`,
      );
    if (!(Number.isInteger(roundSteps) && roundSteps >= 1))
      throw new Error(
        `distillation: steps per round must be a whole number ≥ 1, got ${roundSteps}`,
      );
    this.settings = settings;
    this.trainer = trainer;
    this.firstTeacher = teacher;
    this.teacher = teacher;
    const s = trainer.schedule;
    this.consistencyLevels = karrasLevels(levels, s.sigma(0), s.sigma(s.tMax));
    trainer.useBatches((k) =>
      settings.mode === 'distill' ? this.distillBatch(k) : this.consistencyBatch(k),
    );
  }

  get rounds(): number {
    return Math.log2(this.settings.teacherSteps);
  }

  /** The student's step count this round (progressive distillation). */
  get studentSteps(): number {
    return this.settings.teacherSteps / 2 ** (this.round + 1);
  }

  get roundIndex(): number {
    return this.round;
  }

  /** Training steps until the current round ends (Infinity in the last round and for consistency). */
  stepsToRoundEnd(): number {
    if (this.settings.mode !== 'distill' || this.round >= this.rounds - 1) return Infinity;
    return (this.round + 1) * this.settings.roundSteps - this.trainer.stepsDone;
  }

  /** After training: starts the next round if this one is done; true if it did. */
  advance(): boolean {
    if (this.stepsToRoundEnd() > 0) return false;
    const ema = this.trainer.weights('ema');
    const frozen: tf.NamedTensorMap = {};
    for (const [name, w] of Object.entries(ema)) frozen[name] = tf.clone(w);
    const model = this.trainer.asLoadedModel();
    const next = float64Denoiser(mlp2dDenoiser({ ...model, weights: frozen }));
    this.disposeFrozen();
    this.frozen = frozen;
    this.teacher = next;
    this.round++;
    return true;
  }

  /** Back to round 0 and the first teacher (the trainer resets its own weights). */
  reset(): void {
    this.disposeFrozen();
    this.teacher = this.firstTeacher;
    this.round = 0;
  }

  /** The teacher of the first round (the reference of the reports). */
  get originalTeacher(): Denoiser<Float64Array> {
    return this.firstTeacher;
  }

  /** The student as a float64 denoiser: D for a distilled student, the consistency function f otherwise. */
  student(): Denoiser<Float64Array> {
    if (this.settings.mode === 'distill') return float64Denoiser(this.trainer.denoiser());
    const weights = this.trainer.weights('ema');
    const arch = this.trainer.arch;
    return float64Denoiser(
      consistencyDenoiser(
        tfOps,
        this.trainer.schedule,
        (xt, t) => tf.tidy(() => mlp2dForward(weights, arch, xt as tf.Tensor2D, t)),
        this.consistencyParams(),
      ),
    );
  }

  /** The student's sampler and σ grid at `nfe` steps (ending in 0). */
  sampling(nfe: number): { sampler: 'ddim' | 'consistency'; sigmas: number[] } {
    const s = this.trainer.schedule;
    const sigmas = uniformTGrid((t) => s.sigma(t), s.tMax, nfe);
    return { sampler: this.settings.mode === 'distill' ? 'ddim' : 'consistency', sigmas };
  }

  dispose(): void {
    this.disposeFrozen();
  }

  private consistencyParams() {
    return { sigmaMin: this.consistencyLevels[0], sigmaData: CONSISTENCY_SIGMA_DATA };
  }

  private disposeFrozen(): void {
    if (this.frozen) tf.dispose(Object.values(this.frozen));
    this.frozen = null;
  }

  /** Algorithm 2's batch on the v-prediction student (see core/distill/progressive.ts). */
  private distillBatch(k: number): TrainingBatch {
    const { x0, eps, u } = this.trainer.drawsAt(k);
    const s = this.trainer.schedule;
    const steps = this.studentSteps;
    const teacherGrid = uniformTGrid((t) => s.sigma(t), s.tMax, 2 * steps);
    const level = Int32Array.from(u, (v) => Math.min(steps - 1, Math.floor(v * steps)));
    const b = progressiveBatch(this.teacher, teacherGrid, x0, eps, level);
    return outputSpaceBatch(
      b.x,
      b.sigma,
      (sigma) => {
        // x̂ = s²·x − sσ·v̂ in k-diffusion coordinates (s = 1/sqrt(1 + σ²)).
        const scale = 1 / Math.sqrt(1 + sigma * sigma);
        return { a: scale * scale, b: -scale * sigma };
      },
      b.target,
      b.weight,
      (sigma) => s.tOfSigma(sigma),
    );
  }

  /** Algorithm 2 / 3's batch: F's target (f⁻(x̂_n, σ_n) − c_skip·x)/c_out with weight c_out². */
  private consistencyBatch(k: number): TrainingBatch {
    const { x0, eps, u } = this.trainer.drawsAt(k);
    const levels = this.consistencyLevels;
    const level = Int32Array.from(u, (v) =>
      Math.min(levels.length - 2, Math.floor(v * (levels.length - 1))),
    );
    const teacher = this.settings.mode === 'cd' ? this.teacher : null;
    const pair = consistencyPair(teacher, levels, x0, eps, level);
    const target = denoisePerRow(this.student(), pair.xTarget, pair.sigmaTarget);
    const params = this.consistencyParams();
    const s = this.trainer.schedule;
    return outputSpaceBatch(
      pair.x,
      pair.sigma,
      (sigma) => {
        const { cSkip, cOut } = consistencyCoefficients(sigma, params);
        return { a: cSkip, b: cOut };
      },
      target,
      new Float64Array(pair.sigma.length).fill(1),
      (sigma) => s.tOfSigma(sigma),
    );
  }
}

/**
 * The network's batch for a model that outputs a·x + b·out (k-diffusion x, per-row σ) and an
 * x-space target with weight w: the net sees x_t = x/sqrt(1 + σ²) at t(σ), its target is
 * (target − a·x)/b and its weight w·b², so that w·‖a·x + b·out − target‖² is the loss.
 */
function outputSpaceBatch(
  x: Float64Array,
  sigma: Float64Array,
  coefficients: (sigma: number) => { a: number; b: number },
  target: Float64Array,
  weight: Float64Array,
  timeOf: (sigma: number) => number,
): TrainingBatch {
  const n = sigma.length;
  const batch: TrainingBatch = {
    xt: new Float32Array(2 * n),
    t: Float32Array.from(sigma, timeOf),
    target: new Float32Array(2 * n),
    weight: new Float32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const { a, b } = coefficients(sigma[i]);
    const scale = 1 / Math.sqrt(1 + sigma[i] * sigma[i]);
    batch.weight[i] = weight[i] * b * b;
    for (let j = 2 * i; j < 2 * i + 2; j++) {
      batch.xt[j] = scale * x[j];
      batch.target[j] = (target[j] - a * x[j]) / b;
    }
  }
  return batch;
}
