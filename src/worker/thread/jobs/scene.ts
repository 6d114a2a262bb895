import type * as tf from '@tensorflow/tfjs-core';
import { initialState, makeGrid, makeProcess, resolveSampler } from '../../../core/scene/build';
import { float64Host, type ArrayHost } from '../../../core/host';
import { AsyncStepper } from '../../../core/samplers/driver';
import type { Denoiser, StepResult } from '../../../core/samplers/types';
import { normals } from '../../../core/rng';
import { gridPoints } from '../../../core/metrics/squareGrid';
import type { FrameInfo, SceneFrame, SceneJob } from '../../protocol';
import type { SceneSettings } from '../../../core/scene/settings';
import type { JobContext } from './context';
import { onNetworkHost2d, readFloat32, readFreshFloat32, type OnHost } from './hosts';
import { messageYielder } from './context';
import { cachedManifest, loadedDenoiser2d, ModelFilesError } from './models2d';
import { MissingStudentError, pickStudent, studentSettings } from '../../../models/students';
import { exactSceneDenoiser, networkSceneDenoiser } from './sceneGuidance';

/**
 * Half-width of the view that holds a frame: data have unit variance, so the noised marginal's
 * spread is about s·sqrt(1 + σ²) (1 on VP processes, σ on VE).
 */
export function viewExtent(scale: number, sigma: number): number {
  return VIEW_HALF_WIDTH * Math.max(1, scale * Math.sqrt(1 + sigma * sigma));
}
const VIEW_HALF_WIDTH = 3.5;

/**
 * The field over the view square of the frame at σ (scale s): at each grid point g, the
 * denoising displacement s·D(g/s, σ) − g, parallel to the score; zeros at σ = 0.
 */
async function fieldAt<T>(
  host: ArrayHost<T>,
  denoise: Denoiser<T>,
  size: number,
  sigma: number,
  scale: number,
): Promise<Float32Array> {
  const points = gridPoints({ size, extent: viewExtent(scale, sigma) });
  const field = new Float32Array(points.length);
  if (sigma === 0) return field;
  const g = host.scoped(
    () => denoise(host.fromFloat64(points.map((v) => v / scale)), sigma),
    (d) => [d],
  );
  const dg = await readFloat32(host, g);
  host.release([g]);
  for (let i = 0; i < points.length; i++) field[i] = dg[i] * scale - points[i];
  return field;
}

/** The field of a run's step, for the frames the page draws (a scene's lanes share their σ). */
export type FieldSource = (step: number) => Promise<Float32Array>;

/**
 * The field source of a run's settings. `on` picks the host at each request, not once for the
 * run: the source outlives the run, and a later job may have moved tfjs to another backend.
 */
function fieldSource(settings: SceneSettings, size: number, on: OnHost): FieldSource {
  const process = makeProcess(settings);
  const { sigmas } = makeGrid(settings, process);
  return (step) => {
    if (!(step >= 0 && step < sigmas.length)) {
      return Promise.reject(new Error(`step ${step} is outside the run's 0..${sigmas.length - 1}`));
    }
    const sigma = sigmas[step];
    const scale = sigma === 0 ? 1 : process.scale(process.tOfSigma(sigma));
    return on((host, denoise) => fieldAt(host, denoise, size, sigma, scale));
  };
}

/**
 * One lane of a scene: a sampler run on the shared denoiser, streaming its frames (with the
 * field at every step when fieldSize > 0, as the lab's lockstep panels draw every step).
 */
export async function sceneLane<T>(
  settings: SceneSettings,
  lane: number,
  fieldSize: number,
  ctx: JobContext<SceneFrame>,
  host: ArrayHost<T>,
  denoise: Denoiser<T>,
): Promise<AsyncStepper<T>> {
  const s = settings;
  const process = makeProcess(s);
  const grid = makeGrid(s, process);
  const { def, params } = resolveSampler(s.sampler, s.samplerParams);
  const n = s.particles;
  const sigmaMax = grid.sigmas[0];
  const scaleAt = (sigma: number) => (sigma === 0 ? 1 : process.scale(process.tOfSigma(sigma)));
  const timeAt = (sigma: number) => (sigma === 0 ? process.tMin : process.tOfSigma(sigma));

  /** Emits one frame: particles at σ (display coordinates) and x0 estimates. */
  const emit = async (
    step: number,
    x: T,
    x0: T | null,
    sigma: number,
    nfe: number,
    ms: number,
    evalTimes: number[],
  ) => {
    const scale = scaleAt(sigma);
    const extent = viewExtent(scale, sigma);
    // Fresh arrays: their buffers are transferred, and a backend's read may return its own.
    const frame: SceneFrame = {
      x: await readFreshFloat32(host, x, scale),
      x0: x0 ? await readFreshFloat32(host, x0) : new Float32Array(2 * n),
      field:
        fieldSize > 0 ? await fieldAt(host, denoise, fieldSize, sigma, scale) : new Float32Array(0),
    };
    const info: FrameInfo = { sigma, t: timeAt(sigma), scale, nfe, ms, extent, lane, evalTimes };
    ctx.emit(step, grid.sigmas.length - 1, frame, info);
  };

  const x = host.fromFloat64(initialState(n, 2, s.seed, sigmaMax));
  await emit(0, x, null, sigmaMax, 0, 0, []);
  // The σ of every model evaluation the sampler makes (the field's evaluations are not counted).
  let evalSigmas: number[] = [];
  const recording: Denoiser<T> = (xs, sigma) => {
    evalSigmas.push(sigma);
    return denoise(xs, sigma);
  };
  return new AsyncStepper({
    host,
    sampler: def,
    params,
    grid,
    denoise: recording,
    noise: (key) => host.fromFloat64(normals(s.seed, key, 2 * n)),
    x,
    frame: (i, r: StepResult<T>, nfe, ms) => {
      const evalTimes = evalSigmas.map(timeAt);
      evalSigmas = [];
      return emit(i + 1, r.x, r.x0, grid.sigmas[i + 1], nfe, ms, evalTimes);
    },
  });
}

/** A run stopped because its particles or x0 estimates stopped being finite. */
export class DivergedRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DivergedRunError';
  }
}

/**
 * Stops a run whose particles or x0 estimates stop being finite, before the frame reaches the
 * screen, with a message that says where.
 */
export function checkedEmit(
  ctx: JobContext<SceneFrame>,
  lanes: SceneSettings[],
): JobContext<SceneFrame>['emit'] {
  const n = lanes[0].particles;
  return (step, total, frame, info) => {
    const { x, x0 } = frame;
    let bad = 0;
    for (let i = 0; i < 2 * n; i += 2) {
      if (!(isFinite(x[i]) && isFinite(x[i + 1]) && isFinite(x0[i]) && isFinite(x0[i + 1]))) bad++;
    }
    if (bad > 0) {
      const where = info ? ` (σ = ${info.sigma.toPrecision(3)})` : '';
      const { sampler, process } = lanes[info?.lane ?? 0];
      throw new DivergedRunError(
        `the run was stopped at step ${step} of ${total}${where}: ${bad} of ${n} particles became NaN or infinite (sampler ${sampler} on ${process}); the model or these settings diverge`,
      );
    }
    ctx.emit(step, total, frame, info);
  };
}

/** Runs the job's lanes on the host `on` gives; provides the run's field source first. */
function sceneLoop(
  job: SceneJob,
  ctx: JobContext<SceneFrame>,
  on: OnHost,
  provide: (source: FieldSource) => void,
): Promise<Float32Array> {
  provide(fieldSource(job.settings, job.fieldSize, on));
  return on((host, denoise) => stepLanes(job, ctx, host, denoise));
}

/** Runs the job's lanes step by step in lockstep; returns lane 0's final particles. */
async function stepLanes<T>(
  job: SceneJob,
  ctx: JobContext<SceneFrame>,
  host: ArrayHost<T>,
  denoise: Denoiser<T>,
): Promise<Float32Array> {
  const lanes = [job.settings, ...(job.second ? [{ ...job.settings, ...job.second }] : [])];
  const checked: JobContext<SceneFrame> = { ...ctx, emit: checkedEmit(ctx, lanes) };
  const steppers: AsyncStepper<T>[] = [];
  try {
    for (const [lane, settings] of lanes.entries()) {
      steppers.push(await sceneLane(settings, lane, 0, checked, host, denoise));
    }
    let active = true;
    const between = messageYielder();
    while (active && !ctx.isCancelled()) {
      active = false;
      for (const s of steppers) active = (await s.next()) || active;
      await between();
    }
    return Float32Array.from(await host.read(steppers[0].x));
  } finally {
    // Cancelled, failed or done: free every array the runs hold, history included.
    for (const s of steppers) s.dispose();
  }
}

/**
 * Runs a 2D scene on the exact model (float64) or a trained network (tfjs; onNetworkHost2d). A
 * shipped network whose files are missing or broken is reported by name and the scene runs on
 * the exact model. `provide` receives the run's field source, which outlives the run so the page
 * can ask for the field of any step it shows.
 */
export async function runScene(
  job: SceneJob,
  ctx: JobContext<SceneFrame>,
  provide: (source: FieldSource) => void = () => {},
): Promise<Float32Array> {
  const exact = () => {
    const denoise = exactSceneDenoiser(job.settings, job.data);
    return sceneLoop(job, ctx, (body) => body(float64Host, denoise), provide);
  };
  if (job.data || job.model === 'exact') return exact();
  let denoise: Denoiser<tf.Tensor>;
  let run = job;
  try {
    let id: string | undefined;
    if (job.model === 'distill' || job.model === 'consistency') {
      // A student runs its own sampler and steps; the comparison lane has no place there.
      const pick = pickStudent(
        await cachedManifest(ctx.modelsUrl),
        job.model,
        job.settings.dataset,
        job.settings.steps,
      );
      ctx.notice?.(
        job.second
          ? `${pick.notice}; the second panel (${job.second.sampler}) does not run with a student`
          : pick.notice,
      );
      run = { ...job, settings: studentSettings(job.settings, pick), second: undefined };
      id = pick.entry.id;
    }
    denoise = await loadedDenoiser2d(job.settings.dataset, ctx, job.model, id);
  } catch (e) {
    // Broken files and students not distilled for this data set fall back; a network that
    // does not exist is the user's error to see.
    if (!(e instanceof ModelFilesError || e instanceof MissingStudentError)) throw e;
    ctx.notice?.(`${e.message}; running the exact model instead`);
    return exact();
  }
  const network = networkSceneDenoiser(run.settings, denoise);
  return sceneLoop(run, ctx, (body) => onNetworkHost2d(network, body), provide);
}
