import type { SceneJob } from './scene';

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
