import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JobContext } from './context';
import { loadedDenoiser2d } from './models2d';

const ctx: JobContext = {
  runId: 1,
  modelsUrl: '/models/',
  isCancelled: () => false,
  emit: () => {},
  progress: () => {},
};

afterEach(() => vi.unstubAllGlobals());

describe('loadedDenoiser2d', () => {
  it('names the missing model plainly when a data set has no flow-matching MLP', async () => {
    const manifest = { version: 1, models: [{ id: 'mlp-moons', kind: 'mlp2d', files: [] }] };
    const fetch = vi.fn(async () => ({ ok: true, status: 200, json: async () => manifest }));
    vi.stubGlobal('fetch', fetch);
    await expect(loadedDenoiser2d('moons', ctx, 'fm')).rejects.toThrow(
      'no flow-matching MLP is shipped for "moons" (model "fm-moons")',
    );
    expect(fetch).toHaveBeenCalledWith('/models/manifest.json');
    // Asking again fails the same way, from the manifest fetched once.
    await expect(loadedDenoiser2d('moons', ctx, 'fm')).rejects.toThrow(/fm-moons/);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
