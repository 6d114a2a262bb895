/**
 * The one message union between the main thread and the model worker. Both sides import
 * this file and nothing else of each other. Arrays travel as transferred Float32Array buffers.
 */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendId = (typeof BACKENDS)[number];
export type BackendRequest = BackendId | 'auto';

export interface BackendInfo {
  id: BackendId;
  /** Human-readable adapter, e.g. "SwiftShader (software)". */
  adapter: string;
  software: boolean;
  requested: BackendRequest;
  /** Why the active backend differs from the request, or why auto chose it. */
  notice?: string;
  /** Probe timings in ms per backend when auto timed them. */
  probeMs?: Partial<Record<BackendId, number>>;
}

export type Phase = 'check' | 'load' | 'warmup';

/** A fixed small computation whose value the tests recompute independently. */
export interface SelfTestJob {
  kind: 'selftest';
}

export type Job = SelfTestJob;

export type ToWorker =
  | { type: 'init'; backend: BackendRequest }
  | { type: 'run'; runId: number; job: Job }
  | { type: 'cancel'; runId: number }
  | { type: 'ping'; id: number };

export type FromWorker =
  | { type: 'progress'; phase: Phase; message: string; fraction: number }
  | { type: 'ready'; backend: BackendInfo }
  | { type: 'frame'; runId: number; step: number; total: number; data: Float32Array }
  | { type: 'done'; runId: number; result: Float32Array; ms: number }
  | { type: 'cancelled'; runId: number }
  | { type: 'error'; runId?: number; message: string }
  | { type: 'pong'; id: number };
