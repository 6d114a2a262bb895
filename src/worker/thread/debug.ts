/**
 * The worker's test and diagnostics hooks (docs/ARCHITECTURE.md, "Debug hooks"). Nothing here
 * runs unless the page sends a `debug` message; the GPU device-loss watch only reports.
 */
import * as tf from '@tensorflow/tfjs-core';
import type {
  DebugRequest,
  DebugResult,
  FromWorker,
  MemoryInfo,
  ProbeStub,
  SceneFrame,
} from '../protocol';
import { loadModel } from '../../models/loader';
import { unetForward, type UNetTopology } from '../../models/unet';
import type { JobContext } from './jobs/context';
import { cachedManifest } from './jobs/models2d';
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

interface StoredVector {
  x: number[];
  shape: [number, number, number, number];
  t: number[];
  labels: number[];
  expected: number[];
}

/** The image model's stored test vector, first `batch` items, through unetForward on this backend. */
async function unetVector(
  request: Extract<DebugRequest, { action: 'unet-vector' }>,
  modelsUrl: string,
): Promise<DebugResult> {
  const entry = (await cachedManifest(modelsUrl)).models.find(
    (m) => m.id === request.model && m.kind === 'unet',
  );
  if (!entry) throw new Error(`debug: no image model "${request.model}" in the manifest`);
  const loaded = await loadModel(entry, { fetch: (u) => fetch(u), baseUrl: modelsUrl });
  const tv = (loaded.modelJson as unknown as { testVector: StoredVector }).testVector;
  const [n, h, w, c] = tv.shape;
  const b = Math.max(1, Math.min(n, Math.round(request.batch)));
  const per = h * w * c;
  const out = tf.tidy(() =>
    unetForward(
      loaded.weights,
      loaded.modelJson.modelTopology as unknown as UNetTopology,
      tf.tensor4d(tv.x.slice(0, b * per), [b, h, w, c]),
      tf.tensor1d(tv.t.slice(0, b), 'float32'),
      tf.tensor1d(tv.labels.slice(0, b), 'int32'),
    ),
  );
  const values = Array.from(await out.data());
  out.dispose();
  tf.dispose(Object.values(loaded.weights));
  return {
    memory: memory(),
    backend: tf.getBackend(),
    values,
    expected: tv.expected.slice(0, b * per),
  };
}

/** `reprobe`: the worker's re-run of the per-size probe (it owns the backend info and posts it). */
export async function runDebug(
  request: DebugRequest,
  modelsUrl: string,
  reprobe: (stub: ProbeStub) => Promise<string>,
): Promise<DebugResult> {
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
    case 'unet-vector':
      return unetVector(request, modelsUrl);
    case 'backend-probe':
      return { memory: memory(), backend: await reprobe(request.stub) };
  }
}
