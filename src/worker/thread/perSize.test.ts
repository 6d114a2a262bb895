import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCENE } from '../../core/scene/settings';
import type { BackendId, BackendInfo, BackendRequest, ImageGridJob, Job } from '../protocol';
import { cacheKey, readCached, runProbe, type Measure, type ProbeRecord } from './backendChoice';
import {
  backendForJob,
  jobBackendMessage,
  jobSize,
  keepRecord,
  pageCache,
  reprobe,
  setPerSize,
} from './perSize';
import { STUB_TIMINGS as STUB } from './probeStub.testkit';

const ADAPTER = 'SwiftShader (software)';
const VERSION = '0.1.0';
const INFO: BackendInfo = { id: 'wasm', adapter: 'SIMD', software: true, requested: 'auto' };

const scene = (particles: number, model: 'mlp' | 'exact' = 'mlp'): Job => ({
  kind: 'scene',
  settings: { ...DEFAULT_SCENE, particles },
  model,
  fieldSize: 21,
});
/** Only the kind and batch matter to the choice; the rest of an image job is not read. */
const grid = (count: number): Job => ({ kind: 'image-grid', count }) as ImageGridJob;

const stubbed: Measure = async (backend, job) => STUB[`${job.kind}:${job.size}`][backend]!;

/** Installs the choice's state with an activation that records each switch. */
function install(request: BackendRequest, record: ProbeRecord | null, kept = new Map()) {
  const switched: BackendId[] = [];
  const cache = pageCache(Object.fromEntries(kept), (k, v) => kept.set(k, v));
  setPerSize({
    request,
    fallback: { id: 'wasm', reason: 'wasm by the start-up probe' },
    record,
    adapter: ADAPTER,
    appVersion: VERSION,
    cache,
    activate: async (id) => void switched.push(id),
  });
  return { switched, kept };
}

describe('the auto backend per job size, in the worker', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('sizes the jobs that run a network, and no others', () => {
    expect(jobSize(scene(5_000))).toEqual({ kind: 'mlp', size: 5_000 });
    expect(jobSize(scene(5_000, 'exact'))).toBeNull();
    expect(jobSize(grid(16))).toEqual({ kind: 'unet', size: 16 });
    expect(jobSize({ kind: 'selftest' })).toBeNull();
  });

  it('runs each job on the backend that was faster at its size, and says why', async () => {
    const record = await runProbe(stubbed, ADAPTER, VERSION, 'wasm');
    const { switched } = install('auto', record);
    const a = await backendForJob(scene(1_000));
    expect(a.id).toBe('webgpu');
    expect(a.reason).toMatch(
      /webgpu was faster for the MLP at 1,000 points: webgpu 1\.00 ms, wasm 5\.00 ms/,
    );
    expect((await backendForJob(scene(10_000))).id).toBe('wasm');
    // 300 points: the nearest probed size (log scale) is 1k.
    expect((await backendForJob(scene(300))).id).toBe('webgpu');
    expect((await backendForJob(grid(1))).id).toBe('wasm');
    expect((await backendForJob(grid(64))).id).toBe('webgpu');
    // The exact model runs no network: the worker's backend.
    expect(await backendForJob(scene(1_000, 'exact'))).toEqual({
      id: 'wasm',
      reason: 'wasm by the start-up probe',
    });
    // The test's tfjs stays on cpu, so every job asked for its backend.
    expect(switched).toEqual(['webgpu', 'wasm', 'webgpu', 'wasm', 'webgpu', 'wasm']);
  });

  it('a forced backend overrides the per-size choice', async () => {
    const record = await runProbe(stubbed, ADAPTER, VERSION, 'wasm');
    setPerSize({
      request: 'cpu',
      fallback: { id: 'cpu', reason: 'cpu was forced by the link' },
      record,
      adapter: ADAPTER,
      appVersion: VERSION,
      cache: pageCache({}, () => {}),
      activate: async () => {},
    });
    for (const job of [scene(1_000), grid(64)])
      expect(await backendForJob(job)).toEqual({ id: 'cpu', reason: 'cpu was forced by the link' });
  });

  it('keeps a record through the page and reads it back at the next start', async () => {
    const kept = new Map<string, string>();
    install('auto', null, kept);
    const info = await reprobe({ ms: STUB }, INFO);
    expect(info.perSize?.map((c) => `${c.job.kind}:${c.job.size}:${c.id}`)).toEqual([
      'unet:1:wasm',
      'unet:16:wasm',
      'unet:64:webgpu',
      'mlp:1000:webgpu',
      'mlp:10000:wasm',
      'mlp:100000:wasm',
    ]);
    expect([...kept.keys()]).toEqual([cacheKey(ADAPTER, VERSION)]);
    // The next worker gets the page's entries in init and finds the record there.
    const next = pageCache(Object.fromEntries(kept), () => {});
    const again = readCached(next, ADAPTER, VERSION);
    expect(again?.timings).toHaveLength(6);
    install('auto', again);
    expect((await backendForJob(scene(1_000))).id).toBe('webgpu');
    // An empty record is not kept.
    const empty = new Map<string, string>();
    keepRecord(
      pageCache({}, (k, v) => empty.set(k, v)),
      { ...again!, timings: [] },
    );
    expect(empty.size).toBe(0);
  });

  it('falls back where the probe failed or timed out, and says why', async () => {
    install('auto', null);
    const failed = await reprobe({ ms: { 'unet:1': { webgpu: 1, wasm: 2 } } }, INFO);
    expect(failed.probe).toMatch(/the probe failed \(webgpu at the UNet at batch 16: no timing/);
    const mlp = await backendForJob(scene(1_000));
    expect(mlp.id).toBe('wasm');
    expect(mlp.reason).toMatch(/no probe result for the MLP at 1,000 points: the probe failed/);

    const hung = await reprobe({ ms: STUB, hang: 'mlp:1000', measureTimeoutMs: 20 }, INFO);
    expect(hung.probe).toMatch(/timed out \(webgpu at the MLP at 1,000 points took over 20 ms\)/);
    expect((await backendForJob(scene(1_000))).reason).toMatch(/timed out/);
    // The UNet sizes, measured before the hang, still choose per size.
    expect((await backendForJob(grid(64))).id).toBe('webgpu');
  });
});

describe('jobBackendMessage', () => {
  it("says WASM's thread count for a run on WASM, and none for a run on another backend", () => {
    const threads = () => 3;
    expect(jobBackendMessage(4, { id: 'wasm', reason: 'small batch' }, threads)).toEqual({
      type: 'job-backend',
      runId: 4,
      id: 'wasm',
      reason: 'small batch',
      threads: 3,
    });
    // tfjs-wasm's thread count throws while WASM has not started: not asked off WASM.
    const unstarted = () => {
      throw new Error('WASM backend not initialized.');
    };
    expect(jobBackendMessage(5, { id: 'webgpu', reason: 'large batch' }, unstarted)).toEqual({
      type: 'job-backend',
      runId: 5,
      id: 'webgpu',
      reason: 'large batch',
    });
  });
});
