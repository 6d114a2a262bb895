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
}

/** 'compute': a long computation of a run (the lab's reference solves, sweeps, likelihoods). */
export type Phase = 'check' | 'load' | 'warmup' | 'compute';
