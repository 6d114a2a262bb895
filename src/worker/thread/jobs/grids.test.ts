import { describe, expect, it } from 'vitest';
import { STEP_GRID_IDS } from '../../../core/lab/stepGrids';
import { DEFAULT_SCENE } from '../../../core/scene/settings';
import type { GridsFrame, GridsJob } from '../../protocol';
import type { JobContext } from './context';
import { runGrids } from './grids';

type RowFrame = Extract<GridsFrame, { type: 'row' }>;
type SearchFrame = Extract<GridsFrame, { type: 'search' }>;

function fakeContext(cancelled: (frames: GridsFrame[]) => boolean = () => false) {
  const frames: GridsFrame[] = [];
  const ctx: JobContext<GridsFrame> = {
    runId: 1,
    modelsUrl: '',
    isCancelled: () => cancelled(frames),
    emit: (_step, _total, frame) => frames.push(frame),
    progress: () => {},
  };
  const rows = () => frames.filter((f): f is RowFrame => f.type === 'row');
  const searches = () => frames.filter((f): f is SearchFrame => f.type === 'search');
  return { ctx, frames, rows, searches };
}

const job: GridsJob = {
  kind: 'grids',
  settings: { ...DEFAULT_SCENE, dataset: 'gaussians8', process: 'edm' },
  sampler: { id: 'heun', params: {} },
  intervals: 4,
};

describe('runGrids', () => {
  it('streams the five grids over the process’s σ range, the search no worse than Karras', async () => {
    const { ctx, rows, searches } = fakeContext();
    await runGrids(job, ctx);
    expect(rows().map((f) => f.row.id)).toEqual([...STEP_GRID_IDS]);
    // EDM's σ range (Karras et al. 2022, Table 1): 80 down to 0.002.
    for (const { row, sigmaMin, sigmaMax } of rows()) {
      expect([sigmaMin, sigmaMax]).toEqual([0.002, 80]);
      expect(row.sigmas).toHaveLength(5);
      expect(row.sigmas[0]).toBe(80);
      expect(row.sigmas[4]).toBe(0.002);
      expect(row.error).toBeGreaterThan(0);
    }
    const error = Object.fromEntries(rows().map((f) => [f.row.id, f.row.error]));
    expect(error.search).toBeLessThanOrEqual(error.karras);
    expect(rows().at(-1)!.fraction).toBe(1);
    // The search's progress: at least its first run (Karras's grid), within the last fifth of the bar.
    const progress = searches();
    // Its first run is Karras's grid (through log σ and back: equal to round-off).
    expect(progress[0].evaluations).toBe(1);
    expect(progress[0].error / error.karras).toBeCloseTo(1, 12);
    for (const p of progress) {
      expect(p.evaluations).toBeLessThanOrEqual(p.budget);
      expect(p.fraction).toBeGreaterThan(4 / 5);
      expect(p.fraction).toBeLessThanOrEqual(1);
      expect(p.error).toBeGreaterThanOrEqual(error.search);
    }
  });

  it('stops between grids once cancelled, and refuses a stochastic sampler', async () => {
    const { ctx, frames } = fakeContext((f) => f.length >= 2);
    await runGrids(job, ctx);
    expect(frames).toHaveLength(2);
    const ancestral = { ...job, sampler: { id: 'euler-ancestral', params: {} } };
    await expect(runGrids(ancestral, fakeContext().ctx)).rejects.toThrow(/stochastic/);
  });

  it('lets a cancel in during the σ search and stops within half a second, sending no searched grid', async () => {
    // Euler, 20 intervals: a search of 3 × 19 × 26 + 1 = 1,483 sampler runs at most.
    const slow: GridsJob = {
      ...job,
      settings: { ...DEFAULT_SCENE, dataset: 'gaussians8', process: 'edm' },
      sampler: { id: 'euler', params: {} },
      intervals: 20,
    };
    // The cancel arrives as a message would: a timer that fires only when the job yields.
    let cancelledAt: number | null = null;
    const { ctx, rows, searches } = fakeContext((f) => {
      if (f.some((x) => x.type === 'search') && cancelledAt === null) {
        cancelledAt = Infinity;
        setTimeout(() => (cancelledAt = performance.now()), 0);
      }
      return cancelledAt !== null && cancelledAt !== Infinity;
    });
    await expect(runGrids(slow, ctx)).resolves.toBeNull();
    const stopped = performance.now();
    expect(cancelledAt).not.toBe(Infinity);
    expect(stopped - cancelledAt!).toBeLessThan(500);
    expect(rows().map((f) => f.row.id)).toEqual(STEP_GRID_IDS.filter((id) => id !== 'search'));
    const last = searches().at(-1)!;
    expect(last.budget).toBe(1 + 3 * 19 * 26);
    expect(last.evaluations).toBeLessThan(last.budget);
  });
});
