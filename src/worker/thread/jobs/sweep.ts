import { sampleDataset } from '../../../core/data';
import { sweep } from '../../../core/lab/sweep';
import { cachedExactModel } from '../../../core/scene/build';
import {
  encodeSweepEvent,
  encodeSweepFits,
  HELD_OUT_SEED,
  LAB_PHASE,
  type SweepJob,
} from '../../protocol/lab';
import type { JobContext } from './context';
import { yieldToMessages } from './context';

/**
 * The error-vs-NFE sweep on the exact model in float64: one frame per finished point (and one
 * for the reference first; layouts in labJobs.ts), progress after each, and a stop between
 * points once the run is cancelled. Resolves to the fitted orders (encodeSweepFits), or to an
 * empty array when cancelled.
 */
export async function runSweep(job: SweepJob, ctx: JobContext): Promise<Float32Array> {
  const s = job.settings;
  if (job.samplers.length < 1 || job.samplers.length > 6)
    throw new Error(`sweep: choose 1 to 6 samplers, got ${job.samplers.length}`);
  const events = sweep({
    scene: s,
    samplers: job.samplers,
    budgets: job.budgets,
    denoise: cachedExactModel(s.dataset).denoise,
    heldOut: sampleDataset(s.dataset, s.particles, HELD_OUT_SEED),
    tolerance: { rtol: job.tolerance, atol: job.tolerance },
    projections: job.projections,
  });
  const total = 1 + job.samplers.length * job.budgets.length;
  ctx.progress(LAB_PHASE, `solving the reference ODE (RK45, tolerance ${job.tolerance})`, 0);
  await yieldToMessages();
  for (let step = 0; ; step++) {
    if (ctx.isCancelled()) {
      events.return(undefined as never);
      return new Float32Array(0);
    }
    const t0 = performance.now();
    const next = events.next();
    if (next.done) return encodeSweepFits(next.value.fits);
    const e = next.value;
    ctx.emit(step, total, encodeSweepEvent(e, performance.now() - t0));
    const what =
      e.kind === 'reference'
        ? 'reference solved'
        : `${job.samplers[e.point.sampler].id} at ${e.point.budget} NFE`;
    ctx.progress(LAB_PHASE, `sweep: ${what}`, e.fraction);
    await yieldToMessages();
  }
}
