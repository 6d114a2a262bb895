import type { AnalyticModel } from '../../../core/denoisers/analytic';
import { float64Host } from '../../../core/host';
import { slicedWasserstein1 } from '../../../core/metrics/wasserstein';
import { normals } from '../../../core/rng';
import { runToEnd } from '../../../core/samplers/driver';
import type { Denoiser } from '../../../core/samplers/types';
import { initialState, resolveSampler } from '../../../core/scene/build';
import { mlp2dDenoiser } from '../../../models/denoiser2d';
import type { LoadedModel } from '../../../models/loader';
import {
  CONSISTENCY_NFES,
  DistillationRun,
  float64Denoiser,
} from '../../../models/train2d/distillRun';
import type { DistillReport, DistillSettings } from '../../../models/train2d/distillSettings';
import type { Trainer } from '../../../models/train2d/trainer';

/** Particles and projections of the reports' sliced W1, and the data points it compares with. */
const REPORT_PARTICLES = 1000;
const REPORT_PROJECTIONS = 128;
const REPORT_DATA_POINTS = 2000;

/**
 * The run's distillation: its teacher is the shipped network the student starts from, if the
 * run starts from one, else the data set's exact denoiser.
 */
export function makeDistillation(
  trainer: Trainer,
  settings: DistillSettings,
  exact: AnalyticModel,
  teacherNet: LoadedModel | null,
): DistillationRun {
  const teacher = teacherNet ? float64Denoiser(mlp2dDenoiser(teacherNet)) : exact.denoise;
  return new DistillationRun(trainer, teacher, settings);
}

/** Samples of `denoise` with `sampler` on the σ grid (ending in 0), to float64 arrays. */
export function sampleWith(
  denoise: Denoiser<Float64Array>,
  sampler: string,
  sigmas: number[],
  particles: number,
  seed: number,
): Float64Array {
  const { def, params } = resolveSampler(sampler, {});
  return runToEnd({
    host: float64Host,
    sampler: def,
    params,
    grid: { sigmas },
    denoise,
    noise: (key) => normals(seed, key, 2 * particles),
    x: initialState(particles, 2, seed, sigmas[0]),
  }).x;
}

/** Sliced W1 of the teacher (once) and the student (each call) to the data, by NFE. */
export class DistillReporter {
  private readonly data: Float64Array;
  private teacherByNfe: Map<number, number> | null = null;
  private readonly studentByNfe = new Map<number, number>();

  constructor(
    private readonly run: DistillationRun,
    points: Float64Array,
    private readonly seed: number,
  ) {
    const count = points.length / 2;
    const n = Math.min(count, REPORT_DATA_POINTS);
    this.data = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const j = Math.floor((i * count) / n);
      this.data.set(points.subarray(2 * j, 2 * j + 2), 2 * i);
    }
  }

  /** The NFEs the student runs now. */
  studentNfes(): number[] {
    return this.run.settings.mode === 'distill' ? [this.run.studentSteps] : CONSISTENCY_NFES;
  }

  /** Forget the student's measurements (a reset). */
  clear(): void {
    this.studentByNfe.clear();
  }

  /** Measures the student at the NFEs it runs now (as a round ends, before its student halves). */
  measureStudent(): void {
    const student = this.run.student();
    const sampler = this.run.settings.mode === 'distill' ? 'ddim' : 'consistency';
    for (const nfe of this.studentNfes())
      this.studentByNfe.set(nfe, this.sw1(student, sampler, nfe));
  }

  /** Starts the next round if this one is done, with its student measured first; true if it did. */
  endRound(): boolean {
    if (this.run.stepsToRoundEnd() > 0) return false;
    this.measureStudent();
    return this.run.advance();
  }

  report(): DistillReport {
    const { mode, teacherSteps } = this.run.settings;
    if (!this.teacherByNfe) {
      const nfes =
        mode === 'distill'
          ? Array.from({ length: Math.log2(teacherSteps) + 1 }, (_, k) => 2 ** k)
          : CONSISTENCY_NFES;
      this.teacherByNfe = new Map(
        nfes.map((nfe) => [nfe, this.sw1(this.run.originalTeacher, 'ddim', nfe)]),
      );
    }
    this.measureStudent();
    return {
      mode,
      round: this.run.roundIndex,
      rounds: this.run.rounds,
      studentSteps: this.run.studentSteps,
      rows: [...this.teacherByNfe].map(([nfe, teacher]) => ({
        nfe,
        teacher,
        student: this.studentByNfe.get(nfe) ?? null,
      })),
    };
  }

  private sw1(denoise: Denoiser<Float64Array>, sampler: string, nfe: number): number {
    const sigmas = this.run.sampling(nfe).sigmas;
    const x = sampleWith(denoise, sampler, sigmas, REPORT_PARTICLES, this.seed);
    return slicedWasserstein1(x, this.data, { projections: REPORT_PROJECTIONS, seed: this.seed });
  }
}
