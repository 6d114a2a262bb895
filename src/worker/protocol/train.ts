/**
 * Messages of in-browser training ("Train in the browser"), merged into index.ts's unions.
 * A training run is one long-lived job: it trains in chunks, streams the losses of
 * every chunk, a snapshot every k steps, and obeys control messages between chunks.
 */
import type { TrainConfig } from '../../models/train2d/config';
import type { DistillReport, DistillSettings } from '../../models/train2d/distillSettings';
export {
  DEFAULT_HYBRID_LAMBDA,
  type HybridReport,
  type HybridSettings,
} from '../../models/train2d/hybridSettings';
import type { HybridReport, HybridSettings } from '../../models/train2d/hybridSettings';
import type { VdmReport, VdmSettings } from '../../models/train2d/vdmSettings';

export { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../../models/train2d/config';
export { OBJECTIVES, type Objective } from '../../models/train2d/objectives';
export {
  DISTILL_MODES,
  type DistillMode,
  type DistillReport,
  type DistillRow,
  type DistillSettings,
} from '../../models/train2d/distillSettings';
export {
  DEFAULT_VDM_SETTINGS,
  type VdmEstimate,
  type VdmReport,
  type VdmSettings,
} from '../../models/train2d/vdmSettings';

/** A 2D network in the shipped format as files: model.json's text and its weight files by name. */
export interface TrainedFiles {
  modelJson: string;
  weights: Record<string, Uint8Array>;
}

/** A trained network as the worker receives it; `key` names this version for its cache. */
export interface TrainedModelRef {
  key: string;
  files: TrainedFiles;
}

/** Half-width of the square [−L, L]² of every snapshot's density grid. */
export const SNAPSHOT_DENSITY_EXTENT = 3.5;

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
  /**
   * 'shipped' fine-tunes the data set's shipped mlp-<id>, 'upload' the network in `upload`;
   * their architecture, schedule and parameterisation win over the config's.
   */
  start: 'scratch' | 'shipped' | 'upload';
  upload?: TrainedFiles;
  /** Most steps per loss message (and between control checks). */
  chunk: number;
  /** When set, chunks shrink so that one takes about this long (the worker stays responsive). */
  chunkMs?: number;
  /**
   * When set, after each loss chunk or snapshot the run waits for the page's 'shown' (at most
   * this long) before it trains on, so the page draws while the worker rests (see 'shown').
   */
  pageWaitMs?: number;
  /** Pause once this many steps are done (once per run; a reset re-arms it); 0 or absent: never. */
  stopAt?: number;
  /** A snapshot after every k-th step; 0 for snapshots on request (and after step-by-step) only. */
  snapshotEvery: number;
  snapshot: TrainSnapshotSpec;
  /** Begin paused: nothing trains until 'resume' or 'step'. */
  paused?: boolean;
  /**
   * Progressive or consistency distillation (models/train2d/distillRun.ts) instead of the
   * config's objective; its teacher is the shipped network of a 'shipped' start, else the
   * data set's exact denoiser.
   */
  distill?: DistillSettings;
  /**
   * Improved DDPM's hybrid objective (models/train2d/hybrid.ts): an ε-network with a learned
   * variance, trained from scratch on L_simple + λ·L_vlb; its snapshots report the variance.
   */
  hybrid?: HybridSettings;
  /**
   * A Variational Diffusion Model (models/train2d/vdmTrainer.ts) instead of the config's
   * objective: the ε-network and a learned log-SNR schedule, trained jointly from scratch.
   */
  vdm?: VdmSettings;
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
  | { action: 'save' }
  /** New snapshot contents and interval for the rest of the run; a snapshot follows. */
  | { action: 'view'; snapshot: TrainSnapshotSpec; snapshotEvery: number }
  /**
   * The page has drawn the latest loss chunk or snapshot. On a machine with few cores, a worker
   * training at full speed (and the garbage collection it causes) preempts the page's frames
   * past 50 ms; resting until the page has drawn keeps them short.
   */
  | { action: 'shown' };

export type TrainControlMessage = { type: 'trainControl'; runId: number } & TrainAction;

/**
 * 'train' starts a run (stopped by the protocol's 'cancel' with its run id); 'trainCheck'
 * validates uploaded files without touching any run ('trainChecked' answers); 'trainedModel'
 * sets the network that jobs with model 'trained' use.
 */
export type TrainToWorker =
  | { type: 'train'; runId: number; job: TrainJob }
  | TrainControlMessage
  | { type: 'trainCheck'; requestId: number; files: TrainedFiles }
  /** The page's trained network for jobs with model 'trained' (the client re-sends it after a restart). */
  | { type: 'trainedModel'; ref: TrainedModelRef | null };

export type TrainState = 'running' | 'paused';

export interface TrainSnapshotInfo {
  step: number;
  /** What this snapshot holds (the run's spec when it was taken). */
  spec: TrainSnapshotSpec;
  fieldT: number;
  fieldSigma: number;
  fieldScale: number;
  fieldExtent: number;
  errorTimes: number[];
  mapT: number;
  mapExtent: number;
  /** Wall time of computing the snapshot. */
  ms: number;
  /** A distillation run's sliced W1 against NFE, teacher and student. */
  distill?: DistillReport;
  /** A hybrid run's learned variance, its samples and bound beside the fixed variances'. */
  hybrid?: HybridReport;
  /** A VDM run's learned schedule and its bound and estimator variance against linear γ. */
  vdm?: VdmReport;
}

export type TrainFromWorker =
  | {
      type: 'trainLoss';
      runId: number;
      /** Index of the first step whose loss is losses[0]. */
      firstStep: number;
      losses: Float32Array;
      /** A VDM run's variance over the batch of each step's per-example bound. */
      variances?: Float32Array;
      stepsPerSecond: number;
      /** A hybrid run's two terms of each step's loss (losses = simple + λ·vlb). */
      terms?: { simple: Float32Array; vlb: Float32Array };
    }
  | { type: 'trainState'; runId: number; state: TrainState; step: number }
  | { type: 'trainSnapshot'; runId: number; info: TrainSnapshotInfo; parts: TrainSnapshotParts }
  | { type: 'trainSaved'; runId: number; step: number; modelJson: string; weightsBin: ArrayBuffer }
  /** `error` is absent when the files load; `summary` then describes the network. */
  | { type: 'trainChecked'; requestId: number; error?: string; summary?: string };

/**
 * A snapshot's data; a part is empty when its size in the spec is 0 (P = particles, F =
 * fieldSize, D = densitySize, E = errorTimes, M = mapSize).
 */
export interface TrainSnapshotParts {
  /** 2P, flat (x, y), data coordinates (σ = 0). */
  samples: Float32Array;
  /** 2F²: s·D(g/s, σ) − g at the cells g of [−fieldExtent, fieldExtent]² (squareGrid layout). */
  field: Float32Array;
  /** D²: KDE of the samples over [−3.5, 3.5]² (empty with fewer than 2 particles). */
  density: Float32Array;
  /** E: E‖D_θ − D*‖² at info.errorTimes. */
  error: Float32Array;
  /** M²: ‖D_θ − D*‖² at the cells of [−mapExtent, mapExtent]² in x_t coordinates. */
  map: Float32Array;
}
