/**
 * Backend selection inside the worker. `auto` on a hardware WebGPU adapter times WebGPU against
 * WASM per job size (backendChoice.ts; cached by the page), and each job then runs on the faster
 * at its size (perSize.ts); on a software adapter (SwiftShader) or without WebGPU it times a
 * short probe on the other backends and keeps the fastest, honouring a cached per-size record of
 * this adapter if there is one. A forced backend overrides both; one that cannot start falls
 * back to auto, and the notice says why.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { version as APP_VERSION } from '../../../package.json';
import {
  MAX_WASM_THREADS,
  type BackendId,
  type BackendInfo,
  type BackendRequest,
} from '../protocol';
import { probeOrCached, readCached, type ProbeCache, type ProbeRecord } from './backendChoice';
import { measureOn, medianMs } from './backendProbe';
import { perSizeInfo, setPerSize } from './perSize';

/**
 * tfjs-wasm's threads are Emscripten pthreads on SharedArrayBuffer memory, which a browser gives
 * only to a cross-origin-isolated page (COOP same-origin + COEP require-corp or credentialless).
 */
const isolated = Boolean((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated);
if (!isolated) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
const SINGLE_THREAD_REASON =
  'WASM runs on one thread: the page is not cross-origin isolated (served without the COOP/COEP headers), so it has no shared memory for threads';

/** Threads for WASM: the request (0 = auto: one core left for the page), within 1…8. */
function wasmThreads(requested: number): number {
  if (!isolated) return 1;
  const auto = (navigator.hardwareConcurrency || 2) - 1;
  const n = Math.round(requested > 0 ? requested : auto);
  return Math.min(MAX_WASM_THREADS, Math.max(1, n));
}

/** The threads WASM runs on (set once, before the backend starts). */
export const wasmThreadCount = (): number => getThreadsCount();

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

interface GpuProbe {
  available: boolean;
  software: boolean;
  adapter: string;
  reason?: string;
}

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

async function probeWebGpu(): Promise<GpuProbe> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu)
    return {
      available: false,
      software: false,
      adapter: '',
      reason: 'WebGPU is not available in this browser',
    };
  const adapter = (await gpu.requestAdapter()) as {
    info?: AdapterInfoLike;
    isFallbackAdapter?: boolean;
  } | null;
  if (!adapter)
    return {
      available: false,
      software: false,
      adapter: '',
      reason: 'no WebGPU adapter was found',
    };
  const info = adapter.info ?? {};
  const software =
    Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) ||
    /swiftshader/i.test(`${info.vendor} ${info.architecture} ${info.description}`);
  const name =
    [info.description, info.vendor, info.architecture].filter(Boolean).join(' ') ||
    'unknown adapter';
  const label = /swiftshader/i.test(name) ? 'SwiftShader' : name;
  return { available: true, software, adapter: `${label}${software ? ' (software)' : ''}` };
}

export async function activate(id: BackendId): Promise<void> {
  const ok = await tf.setBackend(id);
  if (!ok) throw new Error(`the ${id} backend failed to initialise`);
  await tf.ready();
}

/** A short MLP-shaped workload: median ms of a few timed runs after one warm-up. */
async function timeProbe(): Promise<number> {
  const x = tf.randomNormal([1024, 64], 0, 1, 'float32', 1);
  const w = tf.randomNormal([64, 64], 0, 0.1, 'float32', 2);
  try {
    return await medianMs(() =>
      tf.tidy(() => tf.sum(tf.relu(tf.matMul(tf.relu(tf.matMul(x, w)), w)))),
    );
  } finally {
    tf.dispose([x, w]);
  }
}

function adapterName(
  id: BackendId,
  gpu: GpuProbe,
): { adapter: string; software: boolean; threads?: number } {
  if (id === 'webgpu') return { adapter: gpu.adapter, software: gpu.software };
  if (id === 'webgl') return { adapter: 'WebGL2', software: false };
  if (id === 'wasm') {
    const n = wasmThreadCount();
    return { adapter: `SIMD · ${n} thread${n === 1 ? '' : 's'}`, software: true, threads: n };
  }
  return { adapter: 'JavaScript', software: true };
}

async function autoSelect(gpu: GpuProbe, why: string | undefined, report: (m: string) => void) {
  const probeMs: Partial<Record<BackendId, number>> = {};
  for (const id of ['webgl', 'wasm', 'cpu'] as const) {
    try {
      report(`timing the ${id} backend`);
      await activate(id);
      probeMs[id] = await timeProbe();
    } catch {
      // A backend that cannot start is simply not a candidate.
    }
  }
  const ranked = (Object.entries(probeMs) as [BackendId, number][]).sort((a, b) => a[1] - b[1]);
  const best = ranked.length > 0 ? ranked[0][0] : 'cpu';
  await activate(best);
  const timing = ranked.map(([id, ms]) => `${id} ${ms.toFixed(1)} ms`).join(', ');
  const reason = why ?? (gpu.available ? 'WebGPU runs on a software adapter' : gpu.reason);
  return {
    id: best,
    probeMs,
    notice: `${reason}; fastest of the others by probe: ${best} (${timing})`,
  };
}

/** The single-thread reason joins the notice of a run on WASM in a page without isolation. */
function withThreadNotice(info: BackendInfo): BackendInfo {
  if (info.id !== 'wasm' || isolated) return info;
  const notice = info.notice ? `${info.notice}. ${SINGLE_THREAD_REASON}` : SINGLE_THREAD_REASON;
  return { ...info, notice };
}

export async function selectBackend(
  requested: BackendRequest,
  threads: number,
  report: (message: string) => void,
  cache: ProbeCache,
): Promise<BackendInfo> {
  setThreadsCount(wasmThreads(threads));
  report('checking WebGPU');
  const gpu = await probeWebGpu();
  const { info, record } =
    requested === 'auto' && gpu.available && !gpu.software
      ? await probePerSize(gpu, cache, report)
      : { info: await choose(requested, gpu, report), record: null };
  // A software adapter is not probed (SwiftShader loses to WASM at every size), but a record kept
  // for it is honoured.
  const kept = requested === 'auto' && !record && gpu.available;
  const rec = record ?? (kept ? readCached(cache, gpu.adapter, APP_VERSION) : null);
  const forced = requested !== 'auto' && info.id === requested;
  setPerSize({
    request: requested,
    fallback: {
      id: info.id,
      reason: forced
        ? `${requested} was forced by the link`
        : (info.notice ?? `${info.id} by default`),
    },
    record: rec,
    adapter: gpu.available ? gpu.adapter : '',
    appVersion: APP_VERSION,
    cache,
    activate,
  });
  if (requested !== 'auto') return withThreadNotice(info);
  const source = record
    ? (info.probe ?? 'probed at start-up')
    : rec
      ? 'kept from an earlier visit'
      : gpu.available
        ? 'WebGPU runs on a software adapter: not probed'
        : 'no WebGPU adapter: not probed';
  return withThreadNotice({ ...info, ...perSizeInfo(rec, source) });
}

/**
 * Auto on a hardware adapter: WebGPU against WASM (CPU when WASM cannot start) per job size, from
 * the cache or a bounded probe. Sizes the probe did not cover run on WASM; the worker's own
 * backend (for jobs without a size) is WebGPU unless the probe never got a WebGPU timing.
 */
async function probePerSize(gpu: GpuProbe, cache: ProbeCache, report: (m: string) => void) {
  let rival: BackendId = 'wasm';
  try {
    await activate('wasm');
  } catch {
    rival = 'cpu';
  }
  report('timing WebGPU against WASM per job size');
  const { record, cached } = await probeOrCached(
    cache,
    (backend, job) => measureOn(activate, backend, job),
    gpu.adapter,
    APP_VERSION,
    rival,
  );
  const gpuWorked = record.timings.some((t) => t.ms.webgpu !== undefined);
  const id: BackendId = gpuWorked ? 'webgpu' : rival;
  await activate(id);
  const info: BackendInfo = {
    id,
    requested: 'auto',
    ...adapterName(id, gpu),
    probe: cached ? 'kept from an earlier visit' : 'probed at start-up',
  };
  if (!gpuWorked)
    info.notice = `WebGPU is not used: ${record.incomplete ?? 'the probe measured nothing'}`;
  return { info, record: record as ProbeRecord };
}

async function choose(
  requested: BackendRequest,
  gpu: GpuProbe,
  report: (message: string) => void,
): Promise<BackendInfo> {
  if (requested !== 'auto') {
    try {
      if (requested === 'webgpu' && !gpu.available) throw new Error(gpu.reason);
      await activate(requested);
      return { id: requested, requested, ...adapterName(requested, gpu) };
    } catch (e) {
      const why = `${requested} was requested but could not start (${(e as Error).message})`;
      const chosen = await autoSelect(gpu, why, report);
      return { requested, ...chosen, ...adapterName(chosen.id, gpu) };
    }
  }
  const chosen = await autoSelect(gpu, undefined, report);
  return { requested, ...chosen, ...adapterName(chosen.id, gpu) };
}
