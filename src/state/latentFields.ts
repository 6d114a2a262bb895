import { LATENT_SAMPLERS, LATENT_SIGMA_MAX } from '../core/latent/plan';
import { LATENT_MODELS, LATENT_SET_IDS } from '../worker/protocol/latent';
import type { Field } from './urlFields';

/** Most particles of a latent run (the bench's playback load). */
export const MAX_LATENT_PARTICLES = 10_000;

/** URL fields of the latent view (appended to FIELDS); the seed is the app's `seed`. */
export const LATENT_FIELDS = [
  /** The encoded set and its autoencoder: fashion2 / digits2 (2D plane), fashion16 (16D). */
  { name: 'zset', kind: 'choice', choices: LATENT_SET_IDS, default: 'fashion2' },
  { name: 'zmodel', kind: 'choice', choices: LATENT_MODELS, default: 'exact' },
  { name: 'zsampler', kind: 'choice', choices: LATENT_SAMPLERS, default: 'heun' },
  { name: 'zsteps', kind: 'int', min: 1, max: 200, default: 30 },
  { name: 'zpart', kind: 'int', min: 1, max: MAX_LATENT_PARTICLES, default: 400 },
  /** Truncation: the σ the reverse process starts at (σ_max: plain sampling; 0: the VAE's sample). */
  { name: 'zsigma', kind: 'number', min: 0, max: LATENT_SIGMA_MAX, default: LATENT_SIGMA_MAX },
  /** The class to sample (−1: unconditional) and the classifier-free guidance weight. */
  { name: 'zclass', kind: 'int', min: -1, max: 9, default: -1 },
  { name: 'zguide', kind: 'number', min: 0, max: 8, default: 1 },
  /** The decoded map under the 2D plane. */
  { name: 'zmap', kind: 'bool', default: true },
] as const satisfies readonly Field[];
