import { describe, expect, it } from 'vitest';
import { STEP_GRID_IDS } from '../../../core/lab/stepGrids';
import { DEFAULT_SCENE } from '../../../core/scene/settings';
import type { GridsFrame, GridsJob } from '../../protocol';
import type { JobContext } from './context';
import { runGrids } from './grids';

function fakeContext(cancelAfterFrames = Infinity) {
  const frames: GridsFrame[] = [];
  const ctx: JobContext<GridsFrame> = {
    runId: 1,
    modelsUrl: '',
    isCancelled: () => frames.length >= cancelAfterFrames,
    emit: (_step, _total, frame) => frames.push(frame),
    progress: () => {},
  };
  return { ctx, frames };
}

const job: GridsJob = {
  kind: 'grids',
  settings: { ...DEFAULT_SCENE, dataset: 'gaussians8', process: 'edm' },
  sampler: { id: 'heun', params: {} },
  intervals: 4,
};

describe('runGrids', () => {
  it('streams the five grids over the process’s σ range, the search no worse than Karras', async () => {
    const { ctx, frames } = fakeContext();
    await runGrids(job, ctx);
    expect(frames.map((f) => f.row.id)).toEqual([...STEP_GRID_IDS]);
    // EDM's σ range (Karras et al. 2022, Table 1): 80 down to 0.002.
    for (const { row, sigmaMin, sigmaMax } of frames) {
      expect([sigmaMin, sigmaMax]).toEqual([0.002, 80]);
      expect(row.sigmas).toHaveLength(5);
      expect(row.sigmas[0]).toBe(80);
      expect(row.sigmas[4]).toBe(0.002);
      expect(row.error).toBeGreaterThan(0);
    }
    const error = Object.fromEntries(frames.map((f) => [f.row.id, f.row.error]));
    expect(error.search).toBeLessThanOrEqual(error.karras);
    expect(frames.at(-1)!.fraction).toBe(1);
  });

  it('stops between grids once cancelled, and refuses a stochastic sampler', async () => {
    const { ctx, frames } = fakeContext(2);
    await runGrids(job, ctx);
    expect(frames).toHaveLength(2);
    const ancestral = { ...job, sampler: { id: 'euler-ancestral', params: {} } };
    await expect(runGrids(ancestral, fakeContext().ctx)).rejects.toThrow(/stochastic/);
  });
});
