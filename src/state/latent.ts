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
