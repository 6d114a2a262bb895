import type * as tf from '@tensorflow/tfjs-core';
import type { LatentSet } from '../../../core/data/latentData';
import { float64Host, type ArrayHost } from '../../../core/host';
import { exactLatentDenoiser } from '../../../core/latent/conditional';
import {
  LATENT_SAMPLERS,
  LATENT_SIGMA_MAX,
  latentGrid,
  latentStartState,
} from '../../../core/latent/plan';
import { truncateGrid } from '../../../core/latent/truncated';
import { normals } from '../../../core/rng';
import { AsyncStepper } from '../../../core/samplers/driver';
import { requireSampler } from '../../../core/samplers/registry';
import type { Denoiser, SamplingGrid } from '../../../core/samplers/types';
import { makeGrid, makeProcess } from '../../../core/scene/build';
import { DEFAULT_SCENE } from '../../../core/scene/settings';
import {
  LATENT_MAP_EXTENT,
  LATENT_SETS,
  type FrameInfo,
  type LatentFrame,
  type LatentJob,
} from '../../protocol';
import type { LatentAutoencoder } from '../../../models/vae';
import { yieldToMessages, type JobContext } from './context';
import { readFreshFloat32, tfHost } from './hosts';
import {
  cachedAutoencoder,
  cachedLatentNetwork,
  cachedLatentSet,
  decodeLatents,
} from './latentModels';
import { ModelFilesError } from './models2d';

/**
 * Half-width of the plane that holds a frame at σ: the data's ±5 and the noise's ±3σ, rounded up
 * to 5·2^k, so the axes and the map are laid out again a few times a run, not every frame.
 */
export function latentExtent(sigma: number): number {
  const need = Math.max(LATENT_MAP_EXTENT, 3 * sigma) / LATENT_MAP_EXTENT;
  return LATENT_MAP_EXTENT * 2 ** Math.ceil(Math.log2(need) - 1e-9);
}

/** The map's latents: a size² grid over ±extent, row 0 at the top (largest second coordinate). */
export function mapLatents(size: number, extent: number): Float32Array {
  const z = new Float32Array(2 * size * size);
  const at = (k: number) => -extent + ((k + 0.5) * 2 * extent) / size;
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) {
      z[2 * (r * size + c)] = at(c);
      z[2 * (r * size + c) + 1] = at(size - 1 - r);
    }
  return z;
}

function checkJob(job: LatentJob): void {
  if (!LATENT_SAMPLERS.includes(job.sampler))
    throw new Error(`latent: "${job.sampler}" is not a generating sampler of the registry`);
  if (!(Number.isInteger(job.particles) && job.particles >= 1))
    throw new Error(`latent: particles must be a positive integer, got ${job.particles}`);
  if (job.mapSize > 0 && LATENT_SETS[job.set].dim !== 2)
    throw new Error(`latent: the decoded map needs a 2D latent, ${job.set} is not`);
}

/** A run's denoiser on its host, the grid it steps and the full grid's σ_max. */
interface LatentModelRun<T> {
  host: ArrayHost<T>;
  denoise: Denoiser<T>;
  grid: SamplingGrid;
  sigmaMax: number;
  /** The process time of a σ (the frames' t). */
  timeOf(sigma: number): number;
}

/** The exact latent denoiser (float64) on the EDM Karras grid, cut at σ_start. */
function exactRun(job: LatentJob, set: LatentSet): LatentModelRun<Float64Array> {
  const grid = latentGrid(job.steps, job.sigmaStart);
  const sigmaMax = latentGrid(job.steps, Infinity).sigmas[0];
  return {
    host: float64Host,
    denoise: exactLatentDenoiser(set, job.classId, job.guidance),
    grid,
    sigmaMax,
    timeOf: (sigma) => sigma,
  };
}

/** The trained latent MLP (tfjs) on its own process, DDPM's linear VP chain, cut at σ_start. */
async function networkRun(
  job: LatentJob,
  ctx: JobContext<LatentFrame>,
): Promise<LatentModelRun<tf.Tensor>> {
  const { denoise, dim } = await cachedLatentNetwork(job, ctx.modelsUrl);
  const settings = { ...DEFAULT_SCENE, process: 'vp-discrete' as const, steps: job.steps };
  const process = makeProcess(settings);
  const full = makeGrid(settings, process);
  const sigmaMax = full.sigmas[0];
  const start = job.sigmaStart >= LATENT_SIGMA_MAX ? sigmaMax : job.sigmaStart;
  return {
    host: tfHost(dim),
    denoise,
    grid: { ...full, sigmas: truncateGrid(full.sigmas, start) },
    sigmaMax,
    timeOf: (sigma) => (sigma > 0 ? process.tOfSigma(sigma) : 0),
  };
}

/**
 * Steps the run from its (possibly truncated) start, emitting each step's latents, x̂₀ and the
 * decoded images of the first `cells` particles.
 */
async function stepRun<T>(
  job: LatentJob,
  run: LatentModelRun<T>,
  ae: LatentAutoencoder,
  dim: number,
  ctx: JobContext<LatentFrame>,
): Promise<void> {
  const { host, grid } = run;
  const n = job.particles;
  const total = grid.sigmas.length - 1;
  const cells = Math.min(job.cells, n);
  const emit = async (step: number, x: T, x0: T | null, nfe: number, ms: number) => {
    const sigma = grid.sigmas[step];
    const xs = await readFreshFloat32(host, x);
    const x0s = x0 ? await readFreshFloat32(host, x0) : null;
    const t = run.timeOf(sigma);
    const info: FrameInfo = { sigma, t, scale: 1, nfe, ms, lane: 0, extent: latentExtent(sigma) };
    const images = {
      cells,
      dim: ae.height * ae.width,
      xt: await decodeLatents(ae, xs.slice(0, cells * dim)),
      x0: x0s ? await decodeLatents(ae, x0s.slice(0, cells * dim)) : null,
    };
    const frame = { kind: 'step', x: xs, x0: x0s ?? new Float32Array(n * dim), images } as const;
    ctx.emit(step, total, frame, info);
  };

  const x = host.fromFloat64(latentStartState(n, dim, job.seed, grid.sigmas, run.sigmaMax));
  await emit(0, x, null, 0, 0);
  if (total === 0) {
    host.release([x]);
    return;
  }
  const sampler = requireSampler(job.sampler);
  const stepper = new AsyncStepper({
    host,
    sampler,
    params: sampler.defaults,
    grid,
    denoise: run.denoise,
    noise: (key) => host.fromFloat64(normals(job.seed, key, n * dim)),
    x,
    frame: (i, r, nfe, ms) => emit(i + 1, r.x, r.x0, nfe, ms),
  });
  try {
    while (!ctx.isCancelled() && (await stepper.next())) await yieldToMessages();
  } finally {
    stepper.dispose();
  }
}

/**
 * The latent view's run: the encoded set, the decoded map (2D sets), then the reverse process in
 * latent space, from σ_max or truncated at σ_start (core/latent), stepped by the registry's sampler
 * on the exact latent denoiser (float64) or the trained latent MLP (tfjs; a shipped network whose
 * files are broken falls back to the exact one with a notice). Every frame decodes the first
 * `cells` particles' x_t and x̂₀ with the set's autoencoder.
 */
export async function runLatent(job: LatentJob, ctx: JobContext<LatentFrame>): Promise<null> {
  checkJob(job);
  const [set, ae] = await Promise.all([
    cachedLatentSet(job.set, ctx.modelsUrl),
    cachedAutoencoder(job.set, ctx.modelsUrl),
  ]);
  ctx.emit(0, job.steps, {
    kind: 'data',
    dim: set.dim,
    points: Float32Array.from(set.points),
    labels: set.labels.slice(),
    classNames: set.classNames,
    height: ae.height,
    width: ae.width,
    credit: `${set.source} (${set.licence})`,
  });
  if (job.mapSize > 0) {
    const images = await decodeLatents(ae, mapLatents(job.mapSize, LATENT_MAP_EXTENT));
    ctx.emit(0, job.steps, { kind: 'map', size: job.mapSize, extent: LATENT_MAP_EXTENT, images });
  }
  if (ctx.isCancelled()) return null;
  if (job.model === 'network') {
    try {
      const run = await networkRun(job, ctx);
      await stepRun(job, run, ae, set.dim, ctx);
      return null;
    } catch (e) {
      if (!(e instanceof ModelFilesError)) throw e;
      ctx.notice?.(`${e.message}; running the exact latent denoiser instead`);
    }
  }
  await stepRun(job, exactRun(job, set), ae, set.dim, ctx);
  return null;
}
