/**
 * The messages between the page and the model worker: the only module both sides import (page
 * side: worker/client; worker side: worker/thread). Types and shared constants only, one file per
 * job family. Frames and results are structured objects; the worker transfers their typed
 * arrays' buffers (thread/transfer.ts), so nothing is packed into flat buffers.
 */
import type { BackendInfo, BackendRequest, JobBackend, Phase } from './backend';
import type { BenchJob, BenchRow } from './bench';
import type { DebugRequest, DebugResult } from './debug';
import type {
  DiscreteFrame,
  DiscreteLikelihoodFrame,
  DiscreteLikelihoodJob,
  DiscreteLikelihoodResult,
  DiscreteProbe,
  DiscreteProbeRequest,
  DiscreteSampleJob,
  DiscreteSampleResult,
} from './discrete';
import type {
  ImageFrame,
  ImageGridJob,
  ImageInpaintJob,
  ImageInterpJob,
  ImageInvertJob,
  ImageLikelihoodJob,
  ImageLikelihoodResult,
  ImageLoadJob,
  ImageNoiseJob,
  ImageRestoreJob,
  InpaintResult,
  InversionResult,
  LoadedImages,
  RestoreResult,
} from './image';
import type {
  GridsFrame,
  GridsJob,
  LikelihoodFrame,
  LikelihoodJob,
  LockstepJob,
  LockstepResult,
  SweepFits,
  SweepFrame,
  SweepJob,
} from './lab';
import type { LatentDecoded, LatentDecodeRequest, LatentFrame, LatentJob } from './latent';
import type { MeshFrame, MeshJob, MeshPathJob, MeshPaths } from './mesh';
import type { ManifoldFrame, ManifoldJob } from './manifold';
import type {
  FieldRequest,
  ForwardFrame,
  ForwardJob,
  FrameInfo,
  ClassReadout,
  ClassReadoutJob,
  RegionReadout,
  RegionReadoutJob,
  SceneFrame,
  SceneJob,
  SelfTestJob,
} from './scene';
import type { TrainFromWorker, TrainToWorker } from './train';

export * from './backend';
export * from './bench';
export * from './debug';
export * from './discrete';
export * from './image';
export * from './lab';
export * from './latent';
export * from './mesh';
export * from './manifold';
export * from './scene';
export * from './train';

/**
 * Every job by its kind: what the page sends, the frames it streams (never: none), and what it
 * resolves to (null: nothing beyond its frames). A run's frames and result are typed by its
 * job's kind end to end (client.run, the worker's JobContext).
 */
export interface Jobs {
  selftest: { job: SelfTestJob; frame: never; result: Float32Array };
  /** Resolves to lane 0's final particles. */
  scene: { job: SceneJob; frame: SceneFrame; result: Float32Array };
  forward: { job: ForwardJob; frame: ForwardFrame; result: null };
  'region-readout': { job: RegionReadoutJob; frame: never; result: RegionReadout };
  'class-readout': { job: ClassReadoutJob; frame: never; result: ClassReadout };
  bench: { job: BenchJob; frame: never; result: BenchRow[] };
  /** Resolves to the fitted orders per sampler. */
  sweep: { job: SweepJob; frame: SweepFrame; result: SweepFits[] };
  /** Resolves to the model's log p on the whole grid (size²). */
  likelihood: { job: LikelihoodJob; frame: LikelihoodFrame; result: Float32Array };
  grids: { job: GridsJob; frame: GridsFrame; result: null };
  /** Frames are scene frames, info.lane the sampler's index; null when cancelled. */
  lockstep: { job: LockstepJob; frame: SceneFrame; result: LockstepResult | null };
  mesh: { job: MeshJob; frame: MeshFrame; result: null };
  meshPath: { job: MeshPathJob; frame: never; result: MeshPaths };
  manifold: { job: ManifoldJob; frame: ManifoldFrame; result: null };
  latent: { job: LatentJob; frame: LatentFrame; result: null };
  'image-load': { job: ImageLoadJob; frame: never; result: LoadedImages };
  'image-grid': { job: ImageGridJob; frame: ImageFrame; result: null };
  'image-interp': { job: ImageInterpJob; frame: ImageFrame; result: null };
  'image-noise': { job: ImageNoiseJob; frame: ImageFrame; result: null };
  /** null when cancelled. */
  'image-inpaint': { job: ImageInpaintJob; frame: ImageFrame; result: InpaintResult | null };
  /** null when cancelled. */
  'image-invert': { job: ImageInvertJob; frame: ImageFrame; result: InversionResult | null };
  /** null when cancelled. */
  'image-likelihood': {
    job: ImageLikelihoodJob;
    frame: ImageFrame;
    result: ImageLikelihoodResult | null;
  };
  /** null when cancelled. */
  'image-restore': { job: ImageRestoreJob; frame: ImageFrame; result: RestoreResult | null };
  /** null when cancelled. */
  'discrete-sample': {
    job: DiscreteSampleJob;
    frame: DiscreteFrame;
    result: DiscreteSampleResult | null;
  };
  /** null when cancelled. */
  'discrete-likelihood': {
    job: DiscreteLikelihoodJob;
    frame: DiscreteLikelihoodFrame;
    result: DiscreteLikelihoodResult | null;
  };
}

export type JobKind = keyof Jobs;
export type Job = Jobs[JobKind]['job'];
export type FrameOf<K extends JobKind> = Jobs[K]['frame'];
export type ResultOf<K extends JobKind> = Jobs[K]['result'];

/** One streamed frame of a run of kind K. */
export interface FrameMessage<K extends JobKind> {
  type: 'frame';
  runId: number;
  kind: K;
  step: number;
  total: number;
  info?: FrameInfo;
  frame: FrameOf<K>;
}

/** The end of a run of kind K. */
export interface DoneMessage<K extends JobKind> {
  type: 'done';
  runId: number;
  kind: K;
  result: ResultOf<K>;
  ms: number;
}

/** One member per job kind, so that a message's kind narrows its frame or result. */
type PerKind<M extends { [K in JobKind]: unknown }> = M[JobKind];
export type AnyFrameMessage = PerKind<{ [K in JobKind]: FrameMessage<K> }>;
export type AnyDoneMessage = PerKind<{ [K in JobKind]: DoneMessage<K> }>;

export type ToWorker =
  /**
   * threads: WASM threads wanted, 0 for auto (the cores less one); 1 without isolation.
   * probeCache: the page's cached backend-probe records (localStorage, PROBE_CACHE_PREFIX keys).
   */
  | {
      type: 'init';
      backend: BackendRequest;
      threads: number;
      modelsUrl: string;
      probeCache?: Record<string, string>;
    }
  | { type: 'run'; runId: number; job: Job }
  | { type: 'cancel'; runId: number }
  | { type: 'ping'; id: number }
  | TrainToWorker
  | { type: 'debug'; id: number; request: DebugRequest }
  | { type: 'field'; id: number; request: FieldRequest }
  | { type: 'discreteProbe'; id: number; request: DiscreteProbeRequest }
  | { type: 'latentDecode'; id: number; request: LatentDecodeRequest };

export type FromWorker =
  | { type: 'progress'; phase: Phase; message: string; fraction: number }
  | { type: 'ready'; backend: BackendInfo }
  /** The backend info changed after ready (a new per-size probe record). */
  | { type: 'backend'; backend: BackendInfo }
  /** A probe record for the page to keep in localStorage under `key`. */
  | { type: 'backend-probe'; key: string; value: string }
  /** Which backend a run's job runs on (sent before its first frame). */
  | ({ type: 'job-backend' } & JobBackend)
  | AnyFrameMessage
  | AnyDoneMessage
  | { type: 'cancelled'; runId: number }
  | { type: 'error'; runId?: number; message: string }
  | { type: 'pong'; id: number }
  | TrainFromWorker
  /** Something the user should know about a run that still goes on (e.g. a model fell back). */
  | { type: 'notice'; runId: number; message: string }
  /** The worker cannot go on (e.g. its GPU device was lost): the client restarts it. */
  | { type: 'fatal'; message: string }
  | { type: 'debug'; id: number; result?: DebugResult; error?: string }
  /** A requested field (SceneFrame.field's layout), or why there is none. */
  | { type: 'field'; id: number; field?: Float32Array; error?: string }
  /** Both models' predictions for a probed sequence, or why there are none. */
  | { type: 'discreteProbe'; id: number; probe?: DiscreteProbe; error?: string }
  /** Decoded latents, or why there are none. */
  | { type: 'latentDecode'; id: number; decoded?: LatentDecoded; error?: string };
