/**
 * Settings of the train view's acceleration runs (distillRun.ts), free of tfjs so the worker's
 * protocol and the page can name them.
 */
export type DistillMode = 'distill' | 'cd' | 'ct';
export const DISTILL_MODES: readonly DistillMode[] = ['distill', 'cd', 'ct'];

export interface DistillSettings {
  mode: DistillMode;
  /** The teacher's step count in the first round; a power of two ≥ 2. */
  teacherSteps: number;
  /** Training steps per progressive-distillation round. */
  roundSteps: number;
  /** Noise levels of consistency distillation / training. */
  levels: number;
}

/** Sliced W1 to the data of the teacher (DDIM) and the student at one NFE. */
export interface DistillRow {
  nfe: number;
  teacher: number;
  /** The latest measurement of a student that runs this NFE; null before there is one. */
  student: number | null;
}

export interface DistillReport {
  mode: DistillMode;
  /** Progressive distillation: the round (0-based), the rounds in all and this round's student steps. */
  round: number;
  rounds: number;
  studentSteps: number;
  rows: DistillRow[];
}
