import { nearestLatents } from '../core/data/latentData';
import type { Params } from './fields';
import { LATENT_SETS, type LatentJob } from '../worker/protocol';

/** The fields the latent job is made of (the view's selector). */
export const LATENT_PARAMS = [
  'zset',
  'zmodel',
  'zsampler',
  'zsteps',
  'zpart',
  'zsigma',
  'zclass',
  'zguide',
  'zmap',
  'seed',
] as const;

/** Decoded x_t / x̂₀ cells in the image grid, and the decoded map's grid on the 2D plane. */
export const LATENT_CELLS = 16;
export const LATENT_MAP_SIZE = 16;

/** The job the URL describes. */
export function latentJobFromParams(p: Pick<Params, (typeof LATENT_PARAMS)[number]>): LatentJob {
  const plane = LATENT_SETS[p.zset].dim === 2;
  return {
    kind: 'latent',
    set: p.zset,
    model: p.zmodel,
    sampler: p.zsampler,
    steps: p.zsteps,
    particles: p.zpart,
    seed: p.seed,
    sigmaStart: p.zsigma,
    classId: p.zclass < 0 ? null : p.zclass,
    guidance: p.zguide,
    cells: LATENT_CELLS,
    mapSize: plane && p.zmap ? LATENT_MAP_SIZE : 0,
  };
}

/**
 * A sample this close to an encoded training latent is that latent: the exact denoiser's samples
 * land within 1e-15 of one (float64; a float32 frame moves them by < 1e-6), while the 2D sets'
 * latents are 0.04 apart (median nearest-neighbour distance of digits2).
 */
export const ON_LATENT_DISTANCE = 1e-4;

/** How a run's samples (n × dim) sit against the encoded training set: the memorising limit. */
export interface MemorisedReadout {
  count: number;
  /** Samples within ON_LATENT_DISTANCE of an encoded training latent. */
  onLatent: number;
  /** Median and largest distance to the nearest encoded training latent. */
  median: number;
  farthest: number;
}

export function memorisedReadout(
  samples: Float32Array,
  set: { points: Float32Array; dim: number },
): MemorisedReadout {
  const count = samples.length / set.dim;
  const distances = nearestLatents({ ...set, count: set.points.length / set.dim }, samples)
    .map((q) => q.distance)
    .sort((a, b) => a - b);
  return {
    count,
    onLatent: distances.filter((d) => d <= ON_LATENT_DISTANCE).length,
    median:
      count % 2 === 1
        ? distances[(count - 1) / 2]
        : (distances[count / 2 - 1] + distances[count / 2]) / 2,
    farthest: distances[count - 1],
  };
}
