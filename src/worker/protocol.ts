/**
 * The one message union between the main thread and the model worker. Both sides import
 * this file and nothing else of each other. Arrays travel as transferred Float32Array buffers.
 */
import type { SceneSettings } from '../core/scene/settings';
import type { BenchJob } from './benchJob';
import type { MeshJob, MeshPathJob } from './meshJobs';
import type { LikelihoodJob, LockstepJob, SweepJob } from './labJobs';
import type { ImageJob } from './imageJobs';
import type { SamplerParams } from '../core/samplers/types';
import type { TrainFromWorker, TrainToWorker } from './trainJobs';

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendId = (typeof BACKENDS)[number];
export type BackendRequest = BackendId | 'auto';
/** tfjs-wasm's pthread pool holds 8 workers: more XNNPACK threads than that would only wait. */
export const MAX_WASM_THREADS = 8;

export interface BackendInfo {
  id: BackendId;
  /** Human-readable adapter, e.g. "SwiftShader (software)". */
  adapter: string;
  software: boolean;
  requested: BackendRequest;
  /** Why the active backend differs from the request, or why auto chose it. */
  notice?: string;
  /** WASM only: the threads it runs on (1 where the page is not cross-origin isolated). */
  threads?: number;
  /** Probe timings in ms per backend when auto timed them. */
  probeMs?: Partial<Record<BackendId, number>>;
}

export type Phase = 'check' | 'load' | 'warmup';

/**
 * The 2D model kinds: the analytic model, a shipped network (`<kind>-<dataset>`), or the
 * network trained or uploaded in this page's Train view ('trained').
 */
export type Model2d = 'exact' | 'mlp' | 'fm' | 'trained';

/** A fixed small computation whose value the tests recompute independently. */
export interface SelfTestJob {
  kind: 'selftest';
}

/** A 2D sampling run: every step streams particles, x0 estimates and the field. */
export interface SceneJob {
  kind: 'scene';
  settings: SceneSettings;
  /** 'mlp': the data set's trained diffusion MLP; 'fm': its trained flow-matching MLP. */
  model: Model2d;
  /** The field is evaluated on a size×size grid over each frame's view square; 0 for none. */
  fieldSize: number;
  /** A second sampler run in lockstep from the same x_T and noise seed (frames on lane 1). */
  second?: { sampler: string; samplerParams: SamplerParams };
  /** A user's point set (flat x, y) when settings.dataset is 'custom': the exact model is its empirical denoiser. */
  data?: Float64Array;
}

/**
 * Forward noising at one time: frame data is [x_t (2n) | log p_t on a size² grid], x_t = s(x0 + σε)
 * with data x0 and noise ε fixed by the seed, and the exact log-density of the noised marginal.
 */
export interface ForwardJob {
  kind: 'forward';
  settings: SceneSettings;
  /** Fraction of the process's time range, 0 (data) to 1 (t_max). */
  t: number;
  densitySize: number;
  /** A user's point set when settings.dataset is 'custom' (x0 is resampled from it). */
  data?: Float64Array;
}

export type Job =
  | SelfTestJob
  | SceneJob
  | ForwardJob
  | BenchJob
  | SweepJob
  | LikelihoodJob
  | LockstepJob
  | MeshJob
  | MeshPathJob
  | ImageJob;

/**
 * Per-frame facts. A scene frame's data is [x (2n) | x0 (2n) | field (2·size²)]: particles in
 * the process's own coordinates x_t = s(t)·x, the x0 estimates, and at each grid point g the
 * denoising displacement s·D(g/s, σ) − g (parallel to the score).
 */
export interface FrameInfo {
  sigma: number;
  t: number;
  scale: number;
  /** Model evaluations so far in this run. */
  nfe: number;
  /** Wall time of this step in the worker. */
  ms: number;
  /** Half-width L of the view square [−L, L]² that holds this frame (display coordinates). */
  extent: number;
  /** Which run of a lockstep job the frame belongs to (0 for single runs). */
  lane: number;
  /** Process times t at which this step evaluated the model, in call order (scene frames). */
  evalTimes?: number[];
}

export type ToWorker =
  /** threads: WASM threads wanted, 0 for auto (the cores less one); 1 without isolation. */
  | { type: 'init'; backend: BackendRequest; threads: number; modelsUrl: string }
  | { type: 'run'; runId: number; job: Job }
  | { type: 'cancel'; runId: number }
  | { type: 'ping'; id: number }
  | TrainToWorker
  | { type: 'debug'; id: number; request: DebugRequest };

export type FromWorker =
  | { type: 'progress'; phase: Phase; message: string; fraction: number }
  | { type: 'ready'; backend: BackendInfo }
  | {
      type: 'frame';
      runId: number;
      step: number;
      total: number;
      info?: FrameInfo;
      data: Float32Array;
    }
  | { type: 'done'; runId: number; result: Float32Array; ms: number }
  | { type: 'cancelled'; runId: number }
  | { type: 'error'; runId?: number; message: string }
  | { type: 'pong'; id: number }
  | TrainFromWorker
  /** Something the user should know about a run that still goes on (e.g. a model fell back). */
  | { type: 'notice'; runId: number; message: string }
  /** The worker cannot go on (e.g. its GPU device was lost): the client restarts it. */
  | { type: 'fatal'; message: string }
  | { type: 'debug'; id: number; result?: DebugResult; error?: string };

/**
 * Test and diagnostics hooks (docs/ARCHITECTURE.md, "Debug hooks"); nothing happens unless
 * one is sent. `memory`: tf.memory() now. `crash`: an uncaught error in the worker.
 * `lose-device`: destroys the WebGPU device (webgpu backend only). `soak`: runs a scene job
 * `runs` times on the real loop with frames discarded, each run cancelled after
 * `cancelAfter` frames when given, and reports tf.memory() before and after.
 */
export type DebugRequest =
  | { action: 'memory' }
  | { action: 'crash' }
  | { action: 'lose-device' }
  | { action: 'soak'; runs: number; job: SceneJob; cancelAfter?: number };

export interface MemoryInfo {
  numTensors: number;
  numBytes: number;
}

export interface DebugResult {
  memory: MemoryInfo;
  /** Soak only: memory before the first run, and the wall time of all runs. */
  before?: MemoryInfo;
  ms?: number;
}
