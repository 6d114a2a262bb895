import { sampleDataset } from '../../../core/data';
import { cachedExactModel } from '../../../core/scene/build';
import { sweep, type SamplerFits, type SweepEvent } from '../../../core/lab/sweep';
import {
  HELD_OUT_SEED,
  type SweepFit,
  type SweepFits,
  type SweepFrame,
  type SweepJob,
} from '../../protocol/lab';
import type { JobContext } from './context';
import { yieldToMessages } from './context';

function sweepFrame(e: SweepEvent, ms: number): SweepFrame {
  if (e.kind === 'point') return { kind: 'point', point: e.point, fraction: e.fraction, ms };
  const { floor } = e;
  const r = floor.reference;
  return {
    kind: 'reference',
    floor: { slicedW1: floor.slicedW1, energy: floor.energy, endpoint: floor.endpoint },
    sigmaStart: r.sigmaStart,
    sigmaEnd: r.sigmaEnd,
    rtol: r.tolerance.rtol,
    atol: r.tolerance.atol,
    nfe: r.nfe,
    fraction: e.fraction,
  };
}

function sweepFits(fits: readonly SamplerFits[]): SweepFits[] {
  return fits.map((f) => {
    const summary = (key: keyof SweepFits): SweepFit | null => {
      const fit = f[key];
      if (!fit || Number.isNaN(fit.order)) return null;
      return { order: fit.order, nfeRange: [Math.min(...fit.nfes), Math.max(...fit.nfes)] };
    };
    return {
      endpoint: summary('endpoint'),
      slicedW1: summary('slicedW1'),
      energy: summary('energy'),
    };
  });
}

/**
 * The error-vs-NFE sweep on the exact model in float64: one frame per finished point (and one
 * for the reference first), progress after each, and a stop between points once the run is
 * cancelled. Resolves to the fitted orders, or to an empty list when cancelled.
 */
export async function runSweep(job: SweepJob, ctx: JobContext<SweepFrame>): Promise<SweepFits[]> {
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
  ctx.progress('compute', `solving the reference ODE (RK45, tolerance ${job.tolerance})`, 0);
  await yieldToMessages();
  for (let step = 0; ; step++) {
    if (ctx.isCancelled()) {
      events.return(undefined as never);
      return [];
    }
    const t0 = performance.now();
    const next = events.next();
    if (next.done) return sweepFits(next.value.fits);
    const e = next.value;
    ctx.emit(step, total, sweepFrame(e, performance.now() - t0));
    const what =
      e.kind === 'reference'
        ? 'reference solved'
        : `${job.samplers[e.point.sampler].id} at ${e.point.budget} NFE`;
    ctx.progress('compute', `sweep: ${what}`, e.fraction);
    await yieldToMessages();
  }
}
