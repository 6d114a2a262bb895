import { sampleDataset } from '../../core/data';
import { nextLane, planLanes } from '../../core/lab/lockstep';
import { referenceEndpoint, type ReferenceEndpoint } from '../../core/lab/reference';
import { meanDistance } from '../../core/lab/sweep';
import { slicedWasserstein1 } from '../../core/metrics';
import { cachedExactModel, initialState, makeProcess } from '../../core/scene/build';
import {
  encodeLockstepResult,
  HELD_OUT_SEED,
  LAB_PHASE,
  type LockstepJob,
  type LockstepResult,
} from '../labJobs';
import type { JobContext } from './context';
import { yieldToMessages } from './context';
import { float64Host } from './hosts';
import { sceneLane } from './scene';
import type { Stepper } from './stepLoop';

const SLICED = { projections: 64, seed: 7 };

/**
 * The lab's lockstep run on the exact model (float64): every lane streams scene frames (lane
 * index in FrameInfo.lane), the lane at the highest σ moving next so the panels advance
 * together in noise level. Then the PF-ODE reference endpoints by RK45 (one solve per
 * distinct σ_max) and each lane's mean endpoint distance to them (deterministic lanes) and
 * sliced W1 to held-out data (all). Resolves to encodeLockstepResult, or to an empty array
 * when cancelled.
 */
export async function runLockstep(job: LockstepJob, ctx: JobContext): Promise<Float32Array> {
  const s = job.settings;
  const plans = planLanes(s, job.lanes, job.budget);
  const denoise = cachedExactModel(s.dataset).denoise;
  const steppers: Stepper<Float64Array>[] = [];
  for (const [lane, plan] of plans.entries()) {
    const settings = { ...s, sampler: plan.id, samplerParams: plan.params, steps: plan.steps };
    steppers.push(await sceneLane(settings, lane, job.fieldSize, ctx, float64Host, denoise));
  }
  const taken = plans.map(() => 0);
  const sigmaNow = () => plans.map((p, k) => (taken[k] < p.steps ? p.grid.sigmas[taken[k]] : null));
  for (let moves = 1; ; moves++) {
    if (ctx.isCancelled()) return new Float32Array(0);
    const k = nextLane(sigmaNow());
    if (k < 0) break;
    await steppers[k].next();
    taken[k] += 1;
    if (moves % plans.length === 0) await yieldToMessages();
  }

  ctx.progress(LAB_PHASE, `solving the reference ODE (RK45, tolerance ${job.tolerance})`, 1);
  await yieldToMessages();
  if (ctx.isCancelled()) return new Float32Array(0);
  const n = Math.min(s.particles, job.referenceParticles);
  const process = makeProcess(s);
  const sigmaEnd = process.sigma(process.tMin);
  const tolerance = { rtol: job.tolerance, atol: job.tolerance };
  const references = new Map<number, ReferenceEndpoint>();
  const referenceAt = (sigmaMax: number) => {
    let ref = references.get(sigmaMax);
    if (!ref) {
      const start = initialState(n, 2, s.seed, sigmaMax);
      ref = referenceEndpoint(denoise, start, sigmaMax, sigmaEnd, tolerance);
      references.set(sigmaMax, ref);
    }
    return ref;
  };
  const heldOut = sampleDataset(s.dataset, n, HELD_OUT_SEED);
  const first = referenceAt(plans[0].grid.sigmas[0]);
  const lanes = plans.map((plan, k) => {
    const x = steppers[k].x.subarray(0, 2 * n);
    return {
      endpointError: plan.stochastic ? null : meanDistance(x, referenceAt(plan.grid.sigmas[0]).x),
      slicedW1: slicedWasserstein1(x, heldOut, SLICED),
    };
  });
  const result: LockstepResult = {
    tolerance: job.tolerance,
    referenceNfe: first.nfe,
    sigmaStart: first.sigmaStart,
    sigmaEnd,
    particles: n,
    reference: Float32Array.from(first.x),
    floorSlicedW1: slicedWasserstein1(first.x, heldOut, SLICED),
    lanes,
  };
  return encodeLockstepResult(result);
}
