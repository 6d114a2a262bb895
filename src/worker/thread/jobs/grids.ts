import { sampleDataset } from '../../../core/data';
import { compareStepGrids, STEP_GRID_IDS } from '../../../core/lab/stepGrids';
import { benchmarkSetup } from '../../../core/samplers/convergence';
import { requireSampler } from '../../../core/samplers/registry';
import { cachedExactModel, makeProcess, resolveSampler } from '../../../core/scene/build';
import { makeDiscreteVP } from '../../../core/schedules/discreteVP';
import { HELD_OUT_SEED, type GridsFrame, type GridsJob } from '../../protocol/lab';
import type { JobContext } from './context';
import { yieldToMessages } from './context';

/** Data points of the DP's bound terms and noise draws per point and t. */
const DP_POINTS = 128;
const DP_SAMPLES = 2;

/**
 * The lab's step grids on the exact model in float64, one frame per grid; a stop between grids
 * once cancelled. The DP runs on the linear-β chain (T = 1000) whatever the scene's process: its
 * subset is a grid of σ's like the others.
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
  const rows = compareStepGrids({
    def,
    params,
    setup: benchmarkSetup(denoise, requireSampler('rk45'), 7, sigmaMax, sigmaMin),
    intervals: job.intervals,
    schedule: makeDiscreteVP({ kind: 'linear', numTrainTimesteps: 1000 }),
    x0: Float64Array.from(sampleDataset(s.dataset, DP_POINTS, HELD_OUT_SEED)),
    elboSamples: DP_SAMPLES,
  });
  for (let step = 0; ; step++) {
    if (ctx.isCancelled()) {
      rows.return();
      return null;
    }
    const t0 = performance.now();
    const next = rows.next();
    if (next.done) return null;
    const fraction = (step + 1) / STEP_GRID_IDS.length;
    ctx.emit(step, STEP_GRID_IDS.length, {
      row: next.value,
      sigmaMin,
      sigmaMax,
      fraction,
      ms: performance.now() - t0,
    });
    const following = STEP_GRID_IDS[step + 1];
    ctx.progress('compute', following ? `grids: ${following}` : 'grids: done', fraction);
    await yieldToMessages();
  }
}
