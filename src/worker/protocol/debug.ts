import type { SceneJob } from './scene';

/**
 * Test and diagnostics hooks (docs/ARCHITECTURE.md, "Debug hooks"); nothing happens unless
 * one is sent. `memory`: tf.memory() now. `crash`: an uncaught error in the worker.
 * `lose-device`: destroys the WebGPU device (webgpu backend only). `soak`: runs a scene job
 * `runs` times on the real loop with frames discarded, each run cancelled after
 * `cancelAfter` frames when given, and reports tf.memory() before and after. `unet-vector`:
 * runs the shipped image model `model` on the first `batch` items of its stored test vector on
 * the active backend (the WebGPU-vs-WASM parity check) and returns the outputs beside the
 * stored PyTorch ones.
 */
export type DebugRequest =
  | { action: 'memory' }
  | { action: 'crash' }
  | { action: 'lose-device' }
  | { action: 'soak'; runs: number; job: SceneJob; cancelAfter?: number }
  | { action: 'unet-vector'; model: string; batch: number };

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
