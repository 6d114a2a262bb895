/**
 * The auto backend per job size, wired into the worker (the choice itself: backendChoice.ts).
 * At start-up (backends.ts) a hardware WebGPU adapter gets the bounded probe, or its cached
 * record; any adapter honours a cached record. Before each job, `backendForJob` sizes it (a 2D
 * network at its particle count, an image network at its batch), switches tfjs to the backend
 * the record favours at that size, and says which and why; tfjs moves the tensors a job shares
 * with earlier ones (cached weights) to the new backend on first use.
 */
import * as tf from '@tensorflow/tfjs-core';
import type {
  BackendId,
  BackendInfo,
  BackendRequest,
  Job,
  JobBackend,
  JobSize,
  ProbeStub,
} from '../protocol';
import {
  cacheKey,
  decide,
  label,
  runProbe,
  sizeChoices,
  type Decision,
  type Measure,
  type ProbeCache,
  type ProbeRecord,
} from './backendChoice';

/** Where the choice stands: set once by the start-up choice, replaced by a debug re-probe. */
interface PerSizeState {
  request: BackendRequest;
  /** The worker's backend: jobs with no size run on it, and sizes no probe covers. */
  fallback: Decision;
  record: ProbeRecord | null;
  /** The WebGPU adapter's name ('' without one) and the app version, the record's key. */
  adapter: string;
  appVersion: string;
  cache: ProbeCache;
  activate: (id: BackendId) => Promise<void>;
}

let state: PerSizeState | null = null;

/** A probe cache over the entries the page sent in init; writes go back to the page to keep. */
export function pageCache(
  entries: Record<string, string> | undefined,
  keep: (key: string, value: string) => void,
): ProbeCache {
  const store = new Map(Object.entries(entries ?? {}));
  return {
    get: (key) => store.get(key) ?? null,
    set: (key, value) => {
      store.set(key, value);
      keep(key, value);
    },
  };
}

/** Stores a record that measured anything (an empty one is retried at the next start-up). */
export function keepRecord(cache: ProbeCache, record: ProbeRecord): void {
  if (record.timings.length === 0) return;
  try {
    cache.set(cacheKey(record.adapter, record.appVersion), JSON.stringify(record));
  } catch {
    // Storage full or denied: the choice still holds for this session.
  }
}

export function setPerSize(next: PerSizeState): void {
  state = next;
}

/** The badge's part of the backend info: the per-size table and where it came from. */
export function perSizeInfo(
  record: ProbeRecord | null,
  source: string,
): Pick<BackendInfo, 'perSize' | 'probe'> {
  if (!record) return { probe: source };
  const stopped = record.incomplete ? `; ${record.incomplete}` : '';
  return { perSize: sizeChoices(record), probe: `${source}${stopped}` };
}

/** The size the choice goes by, or null for a job that runs no network (or none it sizes). */
export function jobSize(job: Job): JobSize | null {
  switch (job.kind) {
    case 'scene':
      return job.model === 'exact' || job.data
        ? null
        : { kind: 'mlp', size: job.settings.particles };
    case 'image-grid':
    case 'image-interp':
    case 'image-inpaint':
    case 'image-restore':
    case 'image-likelihood':
      return { kind: 'unet', size: Math.max(1, job.count) };
    default:
      return null;
  }
}

/**
 * A run's `job-backend` message: its backend, why, and WASM's thread count when it runs there
 * (`wasmThreads` is asked only then: tfjs-wasm throws before its backend has started).
 */
export function jobBackendMessage(
  runId: number,
  chosen: Decision,
  wasmThreads: () => number,
): { type: 'job-backend' } & JobBackend {
  const threads = chosen.id === 'wasm' ? { threads: wasmThreads() } : {};
  return { type: 'job-backend', runId, id: chosen.id, reason: chosen.reason, ...threads };
}

/** Makes the job's backend the active one and returns it with the reason. */
export async function backendForJob(job: Job): Promise<Decision> {
  if (!state) return { id: tf.getBackend() as BackendId, reason: 'the worker has not started' };
  const size = state.request === 'auto' ? jobSize(job) : null;
  const decision = size ? decide('auto', size, state.record, state.fallback) : state.fallback;
  if (tf.getBackend() !== decision.id) await state.activate(decision.id);
  return decision;
}

const sizeKey = (job: JobSize) => `${job.kind}:${job.size}`;

/** Re-runs the probe with stubbed timings (debug hook `backend-probe`), keeps the record, and returns the new backend info. */
export async function reprobe(stub: ProbeStub, info: BackendInfo): Promise<BackendInfo> {
  if (!state) throw new Error('the worker has not started');
  if (!state.adapter) throw new Error('no WebGPU adapter: nothing to probe');
  const measure: Measure = (backend, job) => {
    if (backend === 'webgpu' && stub.hang === sizeKey(job)) return new Promise<number>(() => {});
    const ms = stub.ms[sizeKey(job)]?.[backend];
    if (ms === undefined) return Promise.reject(new Error(`no timing for ${label(job)}`));
    return Promise.resolve(ms);
  };
  const rival = state.fallback.id === 'webgpu' ? 'wasm' : state.fallback.id;
  const record = await runProbe(measure, state.adapter, state.appVersion, rival, {
    measureTimeoutMs: stub.measureTimeoutMs,
  });
  keepRecord(state.cache, record);
  state = { ...state, record };
  return { ...info, ...perSizeInfo(record, 'probed with stubbed timings') };
}
