import { describe, expect, it } from 'vitest';
import type { BackendId } from '../protocol';
import {
  cacheKey,
  decide,
  probeOrCached,
  PROBE_SIZES,
  readCached,
  runProbe,
  type Decision,
  type JobSize,
  type Measure,
  type ProbeCache,
} from './backendChoice';

const FALLBACK: Decision = { id: 'wasm', reason: 'fastest by the start-up probe' };
const ADAPTER = 'NVIDIA RTX 4090 (nvidia ampere)';

/** Stubbed timings: WebGPU pays a fixed dispatch cost, WASM scales with the work. */
function stub(): Measure & { calls: string[] } {
  const calls: string[] = [];
  const m = async (backend: BackendId, job: JobSize) => {
    calls.push(`${backend}:${job.kind}:${job.size}`);
    const work = job.kind === 'mlp' ? job.size / 1000 : job.size * 8;
    return backend === 'webgpu' ? 5 + work * 0.05 : work * 0.5;
  };
  return Object.assign(m, { calls });
}

function memoryCache(): ProbeCache & { store: Map<string, string> } {
  const store = new Map<string, string>();
  return { store, get: (k) => store.get(k) ?? null, set: (k, v) => void store.set(k, v) };
}

const mlp = (size: number): JobSize => ({ kind: 'mlp', size });
const unet = (size: number): JobSize => ({ kind: 'unet', size });

describe('the auto backend per job size', () => {
  it('runs each size on the backend that was faster for it', async () => {
    const rec = await runProbe(stub(), ADAPTER, '0.1.0', 'wasm');
    expect(rec.incomplete).toBeUndefined();
    expect(rec.timings).toHaveLength(PROBE_SIZES.length);
    // wasm: 0.5, 5, 50 ms; webgpu: 5.05, 5.5, 10 ms.
    expect(decide('auto', mlp(1_000), rec, FALLBACK).id).toBe('wasm');
    expect(decide('auto', mlp(10_000), rec, FALLBACK).id).toBe('wasm');
    expect(decide('auto', mlp(100_000), rec, FALLBACK).id).toBe('webgpu');
    // wasm: 4, 64, 256 ms; webgpu: 5.4, 11.4, 30.6 ms.
    expect(decide('auto', unet(1), rec, FALLBACK).id).toBe('wasm');
    expect(decide('auto', unet(16), rec, FALLBACK).id).toBe('webgpu');
    expect(decide('auto', unet(64), rec, FALLBACK).id).toBe('webgpu');
    expect(decide('auto', unet(16), rec, FALLBACK).reason).toMatch(
      /webgpu was faster for the UNet at batch 16: webgpu 11\.4 ms, wasm 64\.0 ms/,
    );
  });

  it('takes the nearest probed size of the same kind on a log scale', async () => {
    const rec = await runProbe(stub(), ADAPTER, '0.1.0', 'wasm');
    expect(decide('auto', mlp(2_000), rec, FALLBACK).reason).toMatch(/probed at 1000/);
    expect(decide('auto', mlp(50_000), rec, FALLBACK).id).toBe('webgpu');
    expect(decide('auto', unet(5), rec, FALLBACK).id).toBe('webgpu');
    expect(decide('auto', unet(2), rec, FALLBACK).id).toBe('wasm');
  });

  it('caches the result per adapter and app version and reuses it', async () => {
    const cache = memoryCache();
    const first = stub();
    const a = await probeOrCached(cache, first, ADAPTER, '0.1.0', 'wasm');
    expect(a.cached).toBe(false);
    expect(first.calls).toHaveLength(2 * PROBE_SIZES.length);
    expect([...cache.store.keys()]).toEqual([cacheKey(ADAPTER, '0.1.0')]);

    const second = stub();
    const b = await probeOrCached(cache, second, ADAPTER, '0.1.0', 'wasm');
    expect(b.cached).toBe(true);
    expect(second.calls).toEqual([]);
    expect(b.record).toEqual(a.record);

    // Another app version or another adapter probes afresh.
    const third = stub();
    expect((await probeOrCached(cache, third, ADAPTER, '0.2.0', 'wasm')).cached).toBe(false);
    expect((await probeOrCached(cache, third, 'AMD Radeon', '0.1.0', 'wasm')).cached).toBe(false);
    expect(third.calls).toHaveLength(4 * PROBE_SIZES.length);
    expect(cache.store.size).toBe(3);
  });

  it('ignores a cached record that is unreadable or of another format', () => {
    const cache = memoryCache();
    cache.set(cacheKey(ADAPTER, '0.1.0'), '{not json');
    expect(readCached(cache, ADAPTER, '0.1.0')).toBeNull();
    cache.set(cacheKey(ADAPTER, '0.1.0'), JSON.stringify({ format: 0, timings: [] }));
    expect(readCached(cache, ADAPTER, '0.1.0')).toBeNull();
  });

  it('a forced backend overrides the measurement', async () => {
    const rec = await runProbe(stub(), ADAPTER, '0.1.0', 'wasm');
    expect(decide('webgpu', mlp(1_000), rec, FALLBACK)).toEqual({
      id: 'webgpu',
      reason: 'webgpu was forced by the link',
    });
    expect(decide('cpu', unet(64), rec, FALLBACK).id).toBe('cpu');
    expect(decide('wasm', unet(64), null, FALLBACK).id).toBe('wasm');
  });

  it('falls back when there is no probe result (no hardware adapter)', () => {
    expect(decide('auto', unet(64), null, FALLBACK)).toEqual(FALLBACK);
  });

  it('falls back for the sizes a failing probe did not measure, and says why', async () => {
    const failing: Measure = async (backend, job) => {
      if (backend === 'webgpu' && job.kind === 'mlp' && job.size >= 10_000)
        throw new Error('the GPU device was lost');
      return backend === 'webgpu' ? 1 : 2;
    };
    const rec = await runProbe(failing, ADAPTER, '0.1.0', 'wasm');
    expect(rec.incomplete).toMatch(/the probe failed \(webgpu at the MLP at 10,000 points/);
    // Only the sizes measured before the failure (smallest first) hold results.
    expect(decide('auto', unet(1), rec, FALLBACK).id).toBe('webgpu');
    const sizes = rec.timings.map((t) => `${t.job.kind}:${t.job.size}`);
    expect(sizes).toEqual(['unet:1', 'unet:16', 'unet:64', 'mlp:1000']);
    // The MLP at 100k takes the nearest measured size of its kind (1k).
    expect(decide('auto', mlp(100_000), rec, FALLBACK).id).toBe('webgpu');

    const gpuDown: Measure = async (backend) => {
      if (backend === 'webgpu') throw new Error('requestDevice failed');
      return 1;
    };
    const none = await runProbe(gpuDown, ADAPTER, '0.1.0', 'wasm');
    expect(none.timings).toEqual([]);
    const d = decide('auto', mlp(10_000), none, FALLBACK);
    expect(d.id).toBe('wasm');
    expect(d.reason).toMatch(/no probe result for the MLP at 10,000 points: the probe failed/);
  });

  it('an empty probe is not cached, so the next start-up tries again', async () => {
    const cache = memoryCache();
    const down: Measure = () => Promise.reject(new Error('no device'));
    await probeOrCached(cache, down, ADAPTER, '0.1.0', 'wasm');
    expect(cache.store.size).toBe(0);
  });

  it('a measurement that hangs times out and the rest falls back', async () => {
    const hangs: Measure = (backend, job) =>
      backend === 'webgpu' && job.size === 16 ? new Promise(() => {}) : Promise.resolve(1);
    const rec = await runProbe(hangs, ADAPTER, '0.1.0', 'wasm', { measureTimeoutMs: 20 });
    expect(rec.incomplete).toMatch(
      /the probe timed out \(webgpu at the UNet at batch 16 took over 20 ms\)/,
    );
    expect(rec.timings.map((t) => t.job.size)).toEqual([1]);
    expect(decide('auto', mlp(1_000), rec, FALLBACK).id).toBe('wasm');
    expect(decide('auto', mlp(1_000), rec, FALLBACK).reason).toMatch(/timed out/);
  });

  it('stops at the start-up budget', async () => {
    let clock = 0;
    const slow: Measure = async () => {
      clock += 1_000;
      return 1;
    };
    const rec = await runProbe(slow, ADAPTER, '0.1.0', 'wasm', {
      budgetMs: 3_500,
      now: () => clock,
    });
    // Four measurements fit in 3.5 s: two sizes on both backends.
    expect(rec.timings).toHaveLength(2);
    expect(rec.incomplete).toMatch(/3500 ms start-up budget ran out/);
  });
});
