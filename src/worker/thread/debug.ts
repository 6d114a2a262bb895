/**
 * The worker's test and diagnostics hooks (docs/ARCHITECTURE.md, "Debug hooks"). Nothing here
 * runs unless the page sends a `debug` message; the GPU device-loss watch only reports.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { DebugRequest, DebugResult, FromWorker, MemoryInfo, SceneFrame } from '../protocol';
import type { JobContext } from './jobs/context';
import { runScene } from './jobs/scene';

/** The part of a WebGPU device the worker uses (no @webgpu/types in this project). */
interface GpuDeviceLike {
  destroy(): void;
  lost: Promise<{ reason?: string; message?: string }>;
}

function webgpuDevice(): GpuDeviceLike | null {
  if (tf.getBackend() !== 'webgpu') return null;
  return (tf.backend() as unknown as { device?: GpuDeviceLike }).device ?? null;
}

/**
 * Reports the loss of the active WebGPU device (driver reset, another tab, a debug
 * `lose-device`) as fatal, so the client restarts the worker on a fresh device.
 */
export function watchDeviceLoss(post: (msg: FromWorker) => void): void {
  const device = webgpuDevice();
  if (!device) return;
  void device.lost.then((info) =>
    post({
      type: 'fatal',
      message: `the GPU device was lost (${[info.reason, info.message].filter(Boolean).join(': ') || 'no reason given'})`,
    }),
  );
}

function memory(): MemoryInfo {
  const { numTensors, numBytes } = tf.memory();
  return { numTensors, numBytes };
}

/** Runs the scene job `runs` times on the real loop (after one warm-up run), frames discarded. */
async function soak(
  request: Extract<DebugRequest, { action: 'soak' }>,
  modelsUrl: string,
): Promise<DebugResult> {
  const once = async () => {
    let frames = 0;
    const ctx: JobContext<SceneFrame> = {
      runId: -1,
      modelsUrl,
      isCancelled: () => request.cancelAfter !== undefined && frames >= request.cancelAfter,
      emit: () => frames++,
      progress: () => {},
    };
    await runScene(request.job, ctx);
  };
  // One unmeasured run first, so a network's weights are loaded before `before` is taken.
  await once();
  const before = memory();
  const t0 = performance.now();
  for (let i = 0; i < request.runs; i++) await once();
  return { before, memory: memory(), ms: performance.now() - t0 };
}

export async function runDebug(request: DebugRequest, modelsUrl: string): Promise<DebugResult> {
  switch (request.action) {
    case 'memory':
      return { memory: memory() };
    case 'crash':
      // Thrown outside any promise, as a real bug would be: the page's Worker gets `error`.
      setTimeout(() => {
        throw new Error('debug: crash requested');
      });
      return { memory: memory() };
    case 'lose-device': {
      const device = webgpuDevice();
      if (!device) throw new Error(`debug: the active backend is ${tf.getBackend()}, not webgpu`);
      device.destroy();
      return { memory: memory() };
    }
    case 'soak':
      return soak(request, modelsUrl);
  }
}
