import { float64Host } from '../../../core/host';
import { exactLatentDenoiser } from '../../../core/latent/conditional';
import { LATENT_SAMPLERS, latentGrid, latentStartState } from '../../../core/latent/plan';
import { normals } from '../../../core/rng';
import { AsyncStepper } from '../../../core/samplers/driver';
import { requireSampler } from '../../../core/samplers/registry';
import {
  LATENT_MAP_EXTENT,
  LATENT_SETS,
  type FrameInfo,
  type LatentFrame,
  type LatentJob,
} from '../../protocol';
import { yieldToMessages, type JobContext } from './context';
import { cachedAutoencoder, cachedLatentSet, decodeLatents } from './latentModels';

/** Half-width of the plane that holds a frame at σ: the data's ±5 and the noise's ±3σ. */
export function latentExtent(sigma: number): number {
  return Math.max(LATENT_MAP_EXTENT, 3 * sigma);
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

/**
 * The latent view's run: the encoded set, the decoded map (2D sets), then the reverse process in
 * latent space, from σ_max or truncated at σ_start (core/latent), stepped by the registry's sampler
 * on the exact latent denoiser (float64); every frame decodes the first `cells` particles' x_t and
 * x̂₀ with the set's autoencoder.
 */
export async function runLatent(job: LatentJob, ctx: JobContext<LatentFrame>): Promise<null> {
  checkJob(job);
  const [set, ae] = await Promise.all([
    cachedLatentSet(job.set, ctx.modelsUrl),
    cachedAutoencoder(job.set, ctx.modelsUrl),
  ]);
  if (job.model === 'network')
    ctx.notice?.('No trained latent denoiser is shipped yet: the exact latent denoiser runs.');
  const { dim } = set;
  const n = job.particles;
  const grid = latentGrid(job.steps, job.sigmaStart);
  const total = grid.sigmas.length - 1;
  ctx.emit(0, total, {
    kind: 'data',
    dim,
    points: Float32Array.from(set.points),
    labels: set.labels.slice(),
    classNames: set.classNames,
    height: ae.height,
    width: ae.width,
    credit: `${set.source} (${set.licence})`,
  });
  if (job.mapSize > 0) {
    const images = await decodeLatents(ae, mapLatents(job.mapSize, LATENT_MAP_EXTENT));
    ctx.emit(0, total, { kind: 'map', size: job.mapSize, extent: LATENT_MAP_EXTENT, images });
  }
  if (ctx.isCancelled()) return null;

  const cells = Math.min(job.cells, n);
  const pixels = ae.height * ae.width;
  const emit = async (
    step: number,
    x: Float64Array,
    x0: Float64Array | null,
    nfe: number,
    ms: number,
  ) => {
    const sigma = grid.sigmas[step];
    const head = (a: Float64Array) => Float32Array.from(a.subarray(0, cells * dim));
    const info: FrameInfo = {
      sigma,
      t: sigma,
      scale: 1,
      nfe,
      ms,
      extent: latentExtent(sigma),
      lane: 0,
    };
    ctx.emit(
      step,
      total,
      {
        kind: 'step',
        x: Float32Array.from(x),
        x0: x0 ? Float32Array.from(x0) : new Float32Array(n * dim),
        images: {
          cells,
          dim: pixels,
          xt: await decodeLatents(ae, head(x)),
          x0: x0 ? await decodeLatents(ae, head(x0)) : null,
        },
      },
      info,
    );
  };

  const x = latentStartState(n, dim, job.seed, grid.sigmas);
  await emit(0, x, null, 0, 0);
  if (total === 0) return null;
  const sampler = requireSampler(job.sampler);
  const stepper = new AsyncStepper({
    host: float64Host,
    sampler,
    params: sampler.defaults,
    grid,
    denoise: exactLatentDenoiser(set, job.classId, job.guidance),
    noise: (key) => normals(job.seed, key, n * dim),
    x,
    frame: (i, r, nfe, ms) => emit(i + 1, r.x, r.x0, nfe, ms),
  });
  try {
    while (!ctx.isCancelled() && (await stepper.next())) await yieldToMessages();
  } finally {
    stepper.dispose();
  }
  return null;
}
