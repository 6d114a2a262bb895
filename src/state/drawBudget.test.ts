import { describe, expect, it } from 'vitest';
import type { BackendInfo } from '../worker/protocol';
import {
  runSaturatesCores,
  runWasmThreads,
  SATURATED_FRAME_MS,
  streamNoticeMs,
} from './drawBudget';
import { STREAM_NOTIFY_MS } from './frames';

const wasm = (threads: number) => ({ id: 'wasm', adapter: 'SIMD', threads }) as BackendInfo;

describe('runSaturatesCores', () => {
  it('is true only while a run streams on WASM threads that take every core', () => {
    const running = { runState: 'running' as const, jobBackend: null };
    expect(runSaturatesCores({ ...running, backend: wasm(2) }, 2)).toBe(true);
    expect(runSaturatesCores({ ...running, backend: wasm(1) }, 2)).toBe(false);
    expect(runSaturatesCores({ ...running, backend: wasm(3) }, 8)).toBe(false);
    expect(runSaturatesCores({ ...running, backend: wasm(2), runState: 'done' }, 2)).toBe(false);
    expect(runSaturatesCores({ ...running, backend: null }, 2)).toBe(false);
    // A browser that does not say how many cores it has: no slowdown.
    expect(runSaturatesCores({ ...running, backend: wasm(2) }, 0)).toBe(false);
  });

  it('follows the backend the run itself got from the per-size choice', () => {
    const s = {
      runState: 'running' as const,
      backend: wasm(2),
      jobBackend: { runId: 1, id: 'webgpu' as const, reason: 'faster at this size' },
    };
    expect(runSaturatesCores(s, 2)).toBe(false);
  });

  it('counts the threads of a job sent to WASM while the page runs on a GPU', () => {
    const gpu = { id: 'webgpu', adapter: 'GPU' } as BackendInfo;
    const onWasm = (threads: number) => ({
      runState: 'running' as const,
      backend: gpu,
      jobBackend: { runId: 1, id: 'wasm' as const, reason: 'faster at this size', threads },
    });
    expect(runSaturatesCores(onWasm(2), 2)).toBe(true);
    expect(runSaturatesCores(onWasm(1), 2)).toBe(false);
    expect(runSaturatesCores(onWasm(4), 4)).toBe(true);
  });
});

describe('streamNoticeMs', () => {
  it('spaces frame notices like playback ticks while the run takes every core, else every 100 ms', () => {
    const running = { runState: 'running' as const, jobBackend: null };
    expect(streamNoticeMs({ ...running, backend: wasm(2) }, 2)).toBe(SATURATED_FRAME_MS);
    expect(streamNoticeMs({ ...running, backend: wasm(1) }, 2)).toBe(STREAM_NOTIFY_MS);
    expect(streamNoticeMs({ ...running, backend: wasm(2), runState: 'done' }, 2)).toBe(
      STREAM_NOTIFY_MS,
    );
  });
});

describe('runWasmThreads', () => {
  const gpu = { id: 'webgpu', adapter: 'GPU' } as BackendInfo;
  const job = (id: 'wasm' | 'webgpu', threads?: number) => ({
    runId: 1,
    id,
    reason: 'by size',
    ...(threads ? { threads } : {}),
  });
  it("is the latest run's WASM threads, the worker's before any run, null off WASM", () => {
    expect(runWasmThreads({ backend: wasm(3), jobBackend: null })).toBe(3);
    expect(runWasmThreads({ backend: gpu, jobBackend: job('wasm', 2) })).toBe(2);
    expect(runWasmThreads({ backend: wasm(3), jobBackend: job('webgpu') })).toBeNull();
    expect(runWasmThreads({ backend: gpu, jobBackend: null })).toBeNull();
    expect(runWasmThreads({ backend: null, jobBackend: job('wasm', 2) })).toBeNull();
    // A run on WASM that does not say its threads: the worker's WASM count, else one.
    expect(runWasmThreads({ backend: wasm(3), jobBackend: job('wasm') })).toBe(3);
    expect(runWasmThreads({ backend: gpu, jobBackend: job('wasm') })).toBe(1);
  });
});
