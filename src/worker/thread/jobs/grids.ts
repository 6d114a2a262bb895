import { sampleDataset } from '../../../core/data';
import { compareStepGrids, STEP_GRID_IDS } from '../../../core/lab/stepGrids';
import { benchmarkSetup } from '../../../core/samplers/convergence';
import { requireSampler } from '../../../core/samplers/registry';
import { cachedExactModel, makeProcess, resolveSampler } from '../../../core/scene/build';
import { makeDiscreteVP } from '../../../core/schedules/discreteVP';
import {
  GRIDS_SEARCH_FRAME_MS,
  HELD_OUT_SEED,
  type GridsFrame,
  type GridsJob,
} from '../../protocol/lab';
import type { JobContext } from './context';
import { yieldToMessages } from './context';

/** Data points of the DP's bound terms and noise draws per point and t. */
const DP_POINTS = 128;
const DP_SAMPLES = 2;

/** The longest the search runs between two looks at the message queue (a cancel waits at most this). */
const YIELD_MS = 50;

/**
 * The lab's step grids on the exact model in float64, one frame per grid, and the σ search's
 * progress between them. The job looks at the message queue after every grid and, inside the
 * search, between sampler runs at least every YIELD_MS, and stops there once cancelled or
 * superseded: the search's row is then never sent. The DP runs on the linear-β chain (T = 1000)
 * whatever the scene's process: its subset is a grid of σ's like the others.
 */
export async function runGrids(job: GridsJob, ctx: JobContext<GridsFrame>): Promise<null> {
  const s = job.settings;
  if (!(Number.isInteger(job.intervals) && job.intervals >= 1 && job.intervals <= 63))
    throw new Error(`grids: intervals must be an integer from 1 to 63, got ${job.intervals}`);
  const { def, params } = resolveSampler(job.sampler.id, job.sampler.params);
  const p = makeProcess(s);
  const [sigmaMin, sigmaMax] = [p.sigma(p.tMin), s.sigmaMax ?? p.sigma(p.tMax)];
  ctx.progress('compute', 'solving the reference ODE (RK45, tolerance 1e-11)', 0);
  await yieldToMessages();
  const denoise = cachedExactModel(s.dataset).denoise;
  const events = compareStepGrids({
    def,
    params,
    setup: benchmarkSetup(denoise, requireSampler('rk45'), 7, sigmaMax, sigmaMin),
    intervals: job.intervals,
    schedule: makeDiscreteVP({ kind: 'linear', numTrainTimesteps: 1000 }),
    x0: Float64Array.from(sampleDataset(s.dataset, DP_POINTS, HELD_OUT_SEED)),
    elboSamples: DP_SAMPLES,
  });
  const total = STEP_GRID_IDS.length;
  let step = 0;
  let rowStart = performance.now();
  let lastYield = rowStart;
  let lastSearchFrame = -Infinity;
  for (;;) {
    if (ctx.isCancelled()) {
      events.return();
      return null;
    }
    const next = events.next();
    if (next.done) return null;
    const now = performance.now();
    if (next.value.type === 'search') {
      const { evaluations, budget, error } = next.value.progress;
      const fraction = (step + evaluations / budget) / total;
      if (now - lastSearchFrame >= GRIDS_SEARCH_FRAME_MS) {
        ctx.emit(step, total, { type: 'search', evaluations, budget, error, fraction });
        ctx.progress('compute', `grids: σ search, ${evaluations} of ≤ ${budget} runs`, fraction);
        lastSearchFrame = now;
      }
      if (now - lastYield >= YIELD_MS) {
        await yieldToMessages();
        lastYield = performance.now();
      }
      continue;
    }
    const fraction = (step + 1) / total;
    const frame = { type: 'row', row: next.value.row, sigmaMin, sigmaMax, fraction } as const;
    ctx.emit(step, total, { ...frame, ms: now - rowStart });
    step++;
    const following = STEP_GRID_IDS[step];
    ctx.progress('compute', following ? `grids: ${following}` : 'grids: done', fraction);
    await yieldToMessages();
    rowStart = lastYield = performance.now();
  }
}
