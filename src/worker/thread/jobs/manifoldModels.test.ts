import { afterEach, describe, expect, it, vi } from 'vitest';
import { sampleVmfMixture, VMF_MIXTURE } from '../../../core/data/manifoldData';
import { sphereScore } from '../../../core/manifold/exact';
import type { ManifoldJob } from '../../protocol';
import { laneModels } from './manifoldModels';

const job: ManifoldJob = {
  kind: 'manifold',
  manifold: 'sphere',
  data: 'vmf',
  weighted: true,
  steps: 10,
  particles: 10,
  seed: 0,
  heun: true,
  model: 'network',
};

afterEach(() => vi.unstubAllGlobals());

describe('laneModels', () => {
  it('falls back to the exact fields, with a notice each, when no network is shipped', async () => {
    // A manifest without the manifold networks.
    const fetch = vi.fn(async () => new Response(JSON.stringify({ version: 1, models: [] })));
    vi.stubGlobal('fetch', fetch);
    const notices: string[] = [];
    const data = sampleVmfMixture(VMF_MIXTURE, 40, 1);
    const models = await laneModels(job, data, {
      modelsUrl: 'http://x/models/',
      notice: (m) => notices.push(m),
    });
    expect(notices).toEqual([
      'No score network is shipped for "vmf" (model "rsgm-vmf"): using the exact one.',
      'No flow-matching network is shipped for "vmf" (model "rfm-vmf"): using the exact one.',
    ]);
    const xs = sampleVmfMixture(VMF_MIXTURE, 3, 2);
    const [got, want] = [new Float64Array(9), new Float64Array(9)];
    models.score(xs, 0.3, got);
    sphereScore(data)(xs, 0.3, want);
    expect(Array.from(got)).toEqual(Array.from(want));
    expect(fetch).toHaveBeenCalledWith('http://x/models/manifest.json');
  });
});
