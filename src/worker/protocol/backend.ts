/** The worker's lifecycle: backend choice, and the phases its progress messages name. */
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
  /**
   * Auto only: the WebGPU-vs-CPU probe per job size (fresh or cached), each size with its
   * timings and the backend its jobs run on; absent when no probe result exists.
   */
  perSize?: SizeChoice[];
  /** Auto only: where the per-size choice came from (probed, cached) or why there is none. */
  probe?: string;
}

/** What the per-size choice sizes: the 2D MLP (at `size` points) or an image UNet (at batch `size`). */
export type SizedModel = 'mlp' | 'unet';

export interface JobSize {
  kind: SizedModel;
  size: number;
}

/** One probed size: median ms per evaluation per backend timed, and the backend chosen for it. */
export interface SizeChoice {
  job: JobSize;
  ms: Partial<Record<BackendId, number>>;
  id: BackendId;
}

/**
 * localStorage keys of cached probe records start with this; the page sends every such entry in
 * `init` (the worker has no localStorage) and stores what the worker sends back (`backend-probe`).
 */
export const PROBE_CACHE_PREFIX = 'diffusion-playground:backend-probe:';

/** The backend a run's job ran on, and why (the per-size choice, a forced backend, the default). */
export interface JobBackend {
  runId: number;
  id: BackendId;
  reason: string;
  /** WASM's thread count, when the job runs on WASM (the page's backend may be another). */
  threads?: number;
}

/** 'compute': a long computation of a run (the lab's reference solves, sweeps, likelihoods). */
export type Phase = 'check' | 'load' | 'warmup' | 'compute';
