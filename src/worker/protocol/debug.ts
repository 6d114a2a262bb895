import type { BackendId } from './backend';
import type { SceneJob } from './scene';

/**
 * Test and diagnostics hooks (docs/ARCHITECTURE.md, "Debug hooks"); nothing happens unless
 * one is sent. `memory`: tf.memory() now. `crash`: an uncaught error in the worker.
 * `lose-device`: destroys the WebGPU device (webgpu backend only). `soak`: runs a scene job
 * `runs` times on the real loop with frames discarded, each run cancelled after
 * `cancelAfter` frames when given, and reports tf.memory() before and after. `unet-vector`:
 * runs the shipped image model `model` on the first `batch` items of its stored test vector on
 * the active backend (the WebGPU-vs-WASM parity check) and returns the outputs beside the
 * stored PyTorch ones. `backend-probe`: runs the auto backend's per-size probe again with stubbed
 * timings (ms per backend at `mlp:1000`, `unet:16`, …; a size not listed fails; `hang`: the size
 * whose WebGPU measurement never ends), keeps the record as a real probe's is kept, and sends the
 * page the new backend info; the result's `backend` says where the choice came from.
 */
export type DebugRequest =
  | { action: 'memory' }
  | { action: 'crash' }
  | { action: 'lose-device' }
  | { action: 'soak'; runs: number; job: SceneJob; cancelAfter?: number }
  | { action: 'unet-vector'; model: string; batch: number }
  | { action: 'backend-probe'; stub: ProbeStub };

export interface ProbeStub {
  ms: Record<string, Partial<Record<BackendId, number>>>;
  hang?: string;
  measureTimeoutMs?: number;
}

export interface MemoryInfo {
  numTensors: number;
  numBytes: number;
}

export interface DebugResult {
  memory: MemoryInfo;
  /** Soak only: memory before the first run, and the wall time of all runs. */
  before?: MemoryInfo;
  ms?: number;
  /** unet-vector only: the backend it ran on, its outputs and the stored PyTorch outputs. */
  backend?: string;
  values?: number[];
  expected?: number[];
}
