import { comparisonLanes } from '../../../core/mesh/lanes';
import { latticeExtent, meshLattice } from '../../../core/mesh/lattice';
import { solvePath, throughTimes, uniformTimes } from '../../../core/mesh/odePath';
import { frameTimes } from '../../../core/mesh/timeline';
import { straightness } from '../../../core/metrics/straightness';
import { normals } from '../../../core/rng';
import { float64Host, type ArrayHost } from '../../../core/host';
import { AsyncStepper } from '../../../core/samplers/driver';
import type { Denoiser } from '../../../core/samplers/types';
import {
  cachedExactModel,
  initialState,
  makeGrid,
  makeProcess,
  resolveSampler,
} from '../../../core/scene/build';
import { timeAtFraction } from '../../../core/scene/forward';
import type { SceneSettings } from '../../../core/scene/settings';
import type { Process } from '../../../core/schedules/process';
import {
  MAX_MESH_FRAMES,
  PATH_STEPS,
  SHOWN_PATHS,
  type MeshFrame,
  type MeshJob,
  type MeshPathJob,
  type MeshPaths,
} from '../../protocol';
import { isStudent2d, type Model2d } from '../../protocol';
import { yieldToMessages, type JobContext } from './context';
import { readFreshFloat32, tfHost } from './hosts';
import { loadedDenoiser2d } from './models2d';
import { viewExtent } from './scene';

type Lane = { settings: SceneSettings; process: Process };

function lanesOf(job: MeshJob | MeshPathJob): Lane[] {
  const { flow, diffusion } = comparisonLanes(job.settings, job.flowShift);
  return [flow, diffusion].map((settings) => ({ settings, process: makeProcess(settings) }));
}

/**
 * The job's denoiser on its host: the exact model in float64, or a network on the device. The
 * distilled students, which run their own sampler and steps, are not mesh models: the page maps
 * them to the exact model with a notice, and so does this (for jobs sent from elsewhere).
 */
async function withModel<R>(
  job: { settings: SceneSettings; model: Model2d },
  ctx: JobContext,
  body: <T>(host: ArrayHost<T>, denoise: Denoiser<T>) => Promise<R>,
): Promise<R> {
  if (job.model === 'exact' || isStudent2d(job.model)) {
    return body(float64Host, cachedExactModel(job.settings.dataset).denoise);
  }
  return body(tfHost(2), await loadedDenoiser2d(job.settings.dataset, ctx, job.model));
}

/** One lane's lattice run: the scene's sampler from the lattice at t_0, kept frames streamed. */
async function latticeLane<T>(
  job: MeshJob,
  lane: number,
  { settings, process }: Lane,
  ctx: JobContext<MeshFrame>,
  host: ArrayHost<T>,
  denoise: Denoiser<T>,
): Promise<AsyncStepper<T>> {
  const grid = makeGrid(settings, process);
  const { def, params } = resolveSampler(settings.sampler, settings.samplerParams);
  if (def.stochastic(params))
    throw new Error(`mesh: ${def.name} is stochastic; the mesh needs an ODE sampler`);
  const sigmas = grid.sigmas;
  const times = frameTimes(process, sigmas);
  const steps = sigmas.length - 1;
  const stride = Math.ceil(steps / (MAX_MESH_FRAMES - 1));
  const scaleAt = (k: number) => (sigmas[k] === 0 ? 1 : process.scale(times[k]));
  const lattice = meshLattice(job.lines, latticeExtent(scaleAt(0), sigmas[0]));
  let kept = 0;
  const emit = async (k: number, x: T, nfe: number) => {
    if (k % stride !== 0 && k !== steps) return;
    const s = scaleAt(k);
    // k-diffusion x → the process's x_t = s(t)·x.
    const points = await readFreshFloat32(host, x, s);
    const extent = viewExtent(s, sigmas[k]);
    const frame = { kind: 'lattice', lane, frame: kept++, step: k, t: times[k] } as const;
    ctx.emit(k, steps, { ...frame, sigma: sigmas[k], scale: s, extent, nfe, points });
  };
  const x = host.fromFloat64(lattice.points.map((v) => v / scaleAt(0)));
  await emit(0, x, 0);
  return new AsyncStepper({
    host,
    sampler: def,
    params,
    grid,
    denoise,
    noise: (key) => host.fromFloat64(normals(settings.seed, key, lattice.points.length)),
    x,
    frame: (i, r, nfe) => emit(i + 1, r.x, nfe),
  });
}

/** Straightness of `n` x_T from the seed solved finely (PATH_STEPS Heun steps) from t_0 to t_min. */
async function straightnessLane<T>(
  job: MeshJob,
  lane: number,
  { settings, process }: Lane,
  ctx: JobContext<MeshFrame>,
  host: ArrayHost<T>,
  denoise: Denoiser<T>,
): Promise<void> {
  const n = job.particles;
  const sigma0 = makeGrid(settings, process).sigmas[0];
  const t0 = process.tOfSigma(sigma0);
  const times = uniformTimes(t0, process.tMin, PATH_STEPS);
  const x = host.fromFloat64(initialState(n, 2, settings.seed, sigma0));
  const states = host.scoped(
    () => solvePath(host.ops, denoise, process, x, times),
    (path) => path,
  );
  const frames: Float64Array[] = [];
  for (let k = 0; k < states.length; k++) {
    frames.push(
      Float64Array.from(await readFreshFloat32(host, states[k], process.scale(times[k]))),
    );
  }
  host.release(new Set(states));
  const s = straightness(frames, 2);
  const shown = Math.min(SHOWN_PATHS, n);
  const paths = new Float32Array(2 * shown * frames.length);
  for (let p = 0; p < shown; p++)
    for (let k = 0; k < frames.length; k++) {
      paths[2 * (p * frames.length + k)] = frames[k][2 * p];
      paths[2 * (p * frames.length + k) + 1] = frames[k][2 * p + 1];
    }
  ctx.emit(0, 0, {
    kind: 'straightness',
    lane,
    mean: s.mean,
    median: s.median,
    perParticle: Float32Array.from(s.perParticle),
    steps: PATH_STEPS,
    shown,
    paths,
  });
}

/** Both lanes' lattices in lockstep (cancellable between steps), then each lane's straightness. */
async function meshLoop<T>(
  job: MeshJob,
  ctx: JobContext<MeshFrame>,
  host: ArrayHost<T>,
  denoise: Denoiser<T>,
): Promise<null> {
  const lanes = lanesOf(job);
  const steppers: AsyncStepper<T>[] = [];
  for (const [k, lane] of lanes.entries())
    steppers.push(await latticeLane(job, k, lane, ctx, host, denoise));
  let active = true;
  while (active && !ctx.isCancelled()) {
    active = false;
    for (const s of steppers) active = (await s.next()) || active;
    await yieldToMessages();
  }
  for (const s of steppers) s.dispose();
  for (const [k, lane] of lanes.entries()) {
    if (ctx.isCancelled() || job.particles === 0) break;
    ctx.progress('compute', `straightness of ${job.particles} paths (${lane.process.id})`, k / 2);
    await straightnessLane(job, k, lane, ctx, host, denoise);
    await yieldToMessages();
  }
  return null;
}

/** The mesh view's main job (meshLoop); all it has to show is in its frames. */
export async function runMesh(job: MeshJob, ctx: JobContext<MeshFrame>): Promise<null> {
  if (!Number.isInteger(job.lines) || job.lines < 2 || job.lines > 101)
    throw new Error(`mesh: lines must be an integer in 2..101, got ${job.lines}`);
  if (!Number.isInteger(job.particles) || job.particles < 0 || job.particles > 5000)
    throw new Error(`mesh: particles must be an integer in 0..5000, got ${job.particles}`);
  return withModel(job, ctx, (host, denoise) => meshLoop(job, ctx, host, denoise));
}

/** A point's ODE path on one lane: back to t_max and on to t_min through (point, t). */
async function pathLane<T>(
  job: MeshPathJob,
  { process }: Lane,
  host: ArrayHost<T>,
  denoise: Denoiser<T>,
): Promise<{ path: Float32Array; straightness: number }> {
  const t = timeAtFraction(process, job.fraction);
  const { times, up } = throughTimes(process, t, PATH_STEPS);
  const s = process.scale(t);
  const x = host.fromFloat64(Float64Array.from(job.point, (v) => v / s));
  const solve = (part: number[]) =>
    part.length === 1 ? [x] : solvePath(host.ops, denoise, process, x, part);
  const { above, below } = host.scoped(
    () => ({ above: solve(times.slice(0, up + 1).reverse()), below: solve(times.slice(up)) }),
    (r) => [...r.above, ...r.below],
  );
  // One path from t_max to t_min: the backward solve reversed, then the forward one.
  const states = [...above].reverse().concat(below.slice(1));
  const path = new Float32Array(2 * states.length);
  const frames: Float64Array[] = [];
  for (let k = 0; k < states.length; k++) {
    const v = await readFreshFloat32(host, states[k], process.scale(times[k]));
    path.set(v, 2 * k);
    frames.push(Float64Array.from(v));
  }
  host.release(new Set([...above, ...below]));
  return { path, straightness: straightness(frames, 2).mean };
}

/** The dragged point's paths on both lanes. */
export async function runMeshPath(job: MeshPathJob, ctx: JobContext): Promise<MeshPaths> {
  const [px, py] = job.point;
  if (!Number.isFinite(px) || !Number.isFinite(py))
    throw new Error(`mesh path: the point (${px}, ${py}) is not finite`);
  if (!(job.fraction >= 0 && job.fraction <= 1))
    throw new Error(`mesh path: the time fraction must be in [0, 1], got ${job.fraction}`);
  const lanes = lanesOf(job);
  return withModel(job, ctx, async (host, denoise) => {
    const [a, b] = [
      await pathLane(job, lanes[0], host, denoise),
      await pathLane(job, lanes[1], host, denoise),
    ];
    return { straightness: [a.straightness, b.straightness], paths: [a.path, b.path] };
  });
}
