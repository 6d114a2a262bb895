import { describe, expect, it } from 'vitest';
import type { BackendInfo, JobBackend } from '../worker/protocol';
import { badgeTitle } from './backendBadge';

const wasm = { id: 'wasm', adapter: 'SIMD · 2 threads', threads: 2 } as BackendInfo;
const gpu = { id: 'webgpu', adapter: 'GPU' } as BackendInfo;
const run = (id: JobBackend['id'], threads?: number): JobBackend => ({
  runId: 1,
  id,
  reason: 'faster at this size',
  ...(threads ? { threads } : {}),
});

describe('badgeTitle', () => {
  it('says when the latest run computes on WASM threads that take every core', () => {
    const line = /Its 2 threads take every core \(2\)/;
    expect(badgeTitle(wasm, null, 2)).toMatch(line);
    // A job the per-size choice sent to WASM while the worker's backend is a GPU.
    expect(badgeTitle(gpu, run('wasm', 2), 2)).toMatch(line);
    expect(badgeTitle(gpu, run('wasm', 1), 2)).not.toMatch(/every core/);
    // A run sent to the GPU leaves the cores to the page.
    expect(badgeTitle(wasm, run('webgpu'), 2)).not.toMatch(/every core/);
    expect(badgeTitle(wasm, null, 0)).not.toMatch(/every core/);
  });
});
