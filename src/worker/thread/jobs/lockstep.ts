import type * as tf from '@tensorflow/tfjs-core';
import { sampleDataset } from '../../../core/data';
import { nextLane, planLanes, type LanePlan } from '../../../core/lab/lockstep';
import { referenceEndpoint, type ReferenceEndpoint } from '../../../core/lab/reference';
import { meanDistance } from '../../../core/lab/sweep';
import { slicedWasserstein1 } from '../../../core/metrics';
import { cachedExactModel, initialState, makeProcess } from '../../../core/scene/build';
import { HELD_OUT_SEED, type LockstepJob, type LockstepResult } from '../../protocol';
import type { JobContext } from './context';
import { yieldToMessages } from './context';
import { float64Host, type ArrayHost } from '../../../core/host';
import type { AsyncStepper } from '../../../core/samplers/driver';
import type { Denoiser } from '../../../core/samplers/types';
import { isStudent2d, studentElsewhereNotice, type Model2d, type SceneFrame } from '../../protocol';
import { onNetworkHost2d } from './hosts';
import { loadedDenoiser2d } from './models2d';
import { checkedEmit, DivergedRunError, sceneLane } from './scene';

const SLICED = { projections: 64, seed: 7 };

/**
 * Steps every lane in lockstep on `denoise`, the lane at the highest σ moving next so the panels
 * advance together in noise level; resolves to each lane's first n endpoints, or null when
 * cancelled. Frees every array the lanes hold.
 */
async function runLanes<T>(
  job: LockstepJob,
  plans: LanePlan[],
  n: number,
  ctx: JobContext<SceneFrame>,
  host: ArrayHost<T>,
  denoise: Denoiser<T>,
): Promise<Float64Array[] | null> {
  const lanes = plans.map((plan) => ({
    ...job.settings,
    sampler: plan.id,
    samplerParams: plan.params,
    steps: plan.steps,
  }));
  const checked: JobContext<SceneFrame> = { ...ctx, emit: checkedEmit(ctx, lanes) };
  const steppers: AsyncStepper<T>[] = [];
  try {
    for (const [lane, settings] of lanes.entries()) {
      steppers.push(await sceneLane(settings, lane, job.fieldSize, checked, host, denoise));
    }
    const taken = plans.map(() => 0);
    const sigmaNow = () =>
      plans.map((p, k) => (taken[k] < p.steps ? p.grid.sigmas[taken[k]] : null));
    for (let moves = 1; ; moves++) {
      if (ctx.isCancelled()) return null;
      const k = nextLane(sigmaNow());
      if (k < 0) break;
      await steppers[k].next();
      taken[k] += 1;
      if (moves % plans.length === 0) await yieldToMessages();
    }
    const endpoints: Float64Array[] = [];
    for (const { x } of steppers) {
      const all = x instanceof Float64Array ? x : Float64Array.from(await host.read(x));
      endpoints.push(all.subarray(0, 2 * n));
    }
    return endpoints;
  } finally {
    for (const s of steppers) s.dispose();
  }
}

/**
 * The job's network (a tensor denoiser), or null for the exact model. A network that cannot be
 * loaded (not shipped, broken files, none trained in the page) is named in a notice and the
 * panels run on the exact model; the user's other settings stand.
 */
async function panelModel(
  job: LockstepJob,
  ctx: JobContext,
): Promise<{ model: Model2d; denoise: Denoiser<tf.Tensor> } | null> {
  const model = job.model ?? 'exact';
  if (model === 'exact') return null;
  if (isStudent2d(model)) {
    // The page maps these to exact itself (labSettings.ts); a job sent from elsewhere is told.
    ctx.notice?.(studentElsewhereNotice(model, "lab's panels"));
    return null;
  }
  try {
    return { model, denoise: await loadedDenoiser2d(job.settings.dataset, ctx, model) };
  } catch (e) {
    ctx.notice?.(`${(e as Error).message}; the lab's panels run on the exact model instead`);
    return null;
  }
}

/**
 * The lab's lockstep run: every lane streams scene frames (lane index in FrameInfo.lane) on the
 * job's model. Then the PF-ODE reference endpoints of the EXACT model by RK45 (one solve per
 * distinct σ_max) and each lane's mean endpoint distance to them (deterministic lanes) and
 * sliced W1 to held-out data (all): on a network, its error adds to the solver's. A network
 * whose panels stop being finite is named in a notice and the run repeats on the exact model.
 * Resolves to null when cancelled.
 */
export async function runLockstep(
  job: LockstepJob,
  ctx: JobContext<SceneFrame>,
): Promise<LockstepResult | null> {
  const s = job.settings;
  const plans = planLanes(s, job.lanes, job.budget);
  const n = Math.min(s.particles, job.referenceParticles);
  const denoise = cachedExactModel(s.dataset).denoise;
  let network = await panelModel(job, ctx);
  let endpoints: Float64Array[] | null = null;
  if (network) {
    try {
      endpoints = await onNetworkHost2d(network.denoise, (host, d) =>
        runLanes(job, plans, n, ctx, host, d),
      );
    } catch (e) {
      // Weights that pass the loader but diverge: say so and show the exact model's panels.
      if (!(e instanceof DivergedRunError)) throw e;
      ctx.notice?.(`${e.message}; the lab's panels run on the exact model instead`);
      network = null;
    }
  }
  if (!network) endpoints = await runLanes(job, plans, n, ctx, float64Host, denoise);
  if (!endpoints) return null;

  ctx.progress('compute', `solving the reference ODE (RK45, tolerance ${job.tolerance})`, 1);
  await yieldToMessages();
  if (ctx.isCancelled()) return null;
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
    const x = endpoints[k];
    return {
      endpointError: plan.stochastic ? null : meanDistance(x, referenceAt(plan.grid.sigmas[0]).x),
      slicedW1: slicedWasserstein1(x, heldOut, SLICED),
    };
  });
  return {
    tolerance: job.tolerance,
    referenceNfe: first.nfe,
    sigmaStart: first.sigmaStart,
    sigmaEnd,
    particles: n,
    reference: Float32Array.from(first.x),
    floorSlicedW1: slicedWasserstein1(first.x, heldOut, SLICED),
    lanes,
    model: network?.model ?? 'exact',
  };
}
