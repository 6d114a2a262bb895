/**
 * Messages of in-browser training ("Train in the browser"), to be merged into protocol.ts's
 * unions. A training run is one long-lived job: it trains in chunks, streams the losses of
 * every chunk, a snapshot every k steps, and obeys control messages between chunks.
 */
import type { TrainConfig } from '../models/train2d/config';

/** What each snapshot holds; sizes of 0 leave that part out. Times are fractions of t_max. */
export interface TrainSnapshotSpec {
  /** Particles sampled from the EMA network (DPM-Solver++(2M), Karras σ grid). */
  particles: number;
  sampleSteps: number;
  /** Denoising displacement field on a size² grid at time fieldTime. */
  fieldSize: number;
  fieldTime: number;
  /** KDE of the samples on a size² grid over [−3.5, 3.5]². */
  densitySize: number;
  /** E‖D_θ − D*‖² at this many times t_k = t_max·(k + ½)/count. */
  errorTimes: number;
  /** ‖D_θ − D*‖² on a size² grid at time mapTime. */
  mapSize: number;
  mapTime: number;
}

export interface TrainJob {
  kind: 'train';
  /** A data set id, or the points of a drawn or uploaded set (flat [x0, y0, x1, y1, …]). */
  data: { dataset: string } | { name: string; points: Float32Array };
  config: Partial<TrainConfig>;
  /** 'shipped' fine-tunes the data set's shipped mlp-<id> (its architecture and schedule win). */
  start: 'scratch' | 'shipped';
  /** Steps per loss message (and between control checks). */
  chunk: number;
  /** A snapshot after every k-th step; 0 for snapshots on request (and after step-by-step) only. */
  snapshotEvery: number;
  snapshot: TrainSnapshotSpec;
  /** Begin paused: nothing trains until 'resume' or 'step'. */
  paused?: boolean;
}

export type TrainAction =
  | { action: 'pause' }
  | { action: 'resume' }
  /** While paused: train exactly `steps` more steps, then snapshot. */
  | { action: 'step'; steps: number }
  /** Back to the starting weights at step 0, keeping the run. */
  | { action: 'reset' }
  | { action: 'snapshot' }
  /** Reply with the EMA weights in the shipped format ('trainSaved'). */
  | { action: 'save' };

export type TrainControlMessage = { type: 'trainControl'; runId: number } & TrainAction;

export type TrainToWorker = { type: 'train'; runId: number; job: TrainJob } | TrainControlMessage;

export type TrainState = 'running' | 'paused';

/**
 * Snapshot data, in this order, each part absent when its size is 0 (P = particles, F =
 * fieldSize, D = densitySize, E = errorTimes, M = mapSize):
 *   samples  2P   flat (x, y), data coordinates (σ = 0)
 *   field    2F²  s·D(g/s, σ) − g at the cells g of [−fieldExtent, fieldExtent]² (squareGrid layout)
 *   density  D²   KDE of the samples over [−3.5, 3.5]²
 *   error    E    E‖D_θ − D*‖² at info.errorTimes
 *   map      M²   ‖D_θ − D*‖² at the cells of [−mapExtent, mapExtent]² in x_t coordinates
 */
export interface TrainSnapshotInfo {
  step: number;
  fieldT: number;
  fieldSigma: number;
  fieldScale: number;
  fieldExtent: number;
  errorTimes: number[];
  mapT: number;
  mapExtent: number;
  /** Wall time of computing the snapshot. */
  ms: number;
}

export type TrainFromWorker =
  | {
      type: 'trainLoss';
      runId: number;
      /** Index of the first step whose loss is losses[0]. */
      firstStep: number;
      losses: Float32Array;
      stepsPerSecond: number;
    }
  | { type: 'trainState'; runId: number; state: TrainState; step: number }
  | { type: 'trainSnapshot'; runId: number; info: TrainSnapshotInfo; data: Float32Array }
  | { type: 'trainSaved'; runId: number; step: number; modelJson: string; weightsBin: ArrayBuffer };
