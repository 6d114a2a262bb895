/** The latent view's worker job, its frames and the decode request (docs/LATENT.md). */
import type { StepImages } from './image';

/** The encoded training sets, each with the autoencoder that encoded it and decodes the samples. */
/** `network`: the trained class-conditional latent denoiser over that autoencoder (docs/LATENT.md). */
export const LATENT_SETS = {
  fashion2: {
    autoencoder: 'fashion-vae2',
    data: 'fashion-latent2d',
    dim: 2,
    network: 'mlp-fashion-latent2d',
  },
  digits2: {
    autoencoder: 'digits-vae2',
    data: 'digits-latent2d',
    dim: 2,
    network: 'mlp-digits-latent2d',
  },
  fashion16: {
    autoencoder: 'fashion-vae16',
    data: 'fashion-latent16d',
    dim: 16,
    network: 'mlp-fashion-latent16d',
  },
} as const;
export type LatentSetId = keyof typeof LATENT_SETS;
export const LATENT_SET_IDS = Object.keys(LATENT_SETS) as LatentSetId[];

/** The denoiser: exact (the encoded set's empirical optimum) or the shipped latent network. */
export const LATENT_MODELS = ['exact', 'network'] as const;
export type LatentModel = (typeof LATENT_MODELS)[number];

/** Half-width of the square the decoded map covers (the 2D sets' latents lie within ±4.72). */
export const LATENT_MAP_EXTENT = 5;

/**
 * One latent run: particles from the (possibly truncated) start, stepped by a registry sampler on
 * the chosen denoiser; every step streams the latents, their x̂₀ and the decoded images of the
 * first `cells` particles.
 */
export interface LatentJob {
  kind: 'latent';
  set: LatentSetId;
  model: LatentModel;
  sampler: string;
  steps: number;
  particles: number;
  seed: number;
  /**
   * σ at which the reverse process starts from the VAE's prior sample noised to it; at
   * LATENT_SIGMA_MAX or above, no truncation (the network's own grid starts higher, at ~157).
   */
  sigmaStart: number;
  /** The class to sample (null: unconditional) and the classifier-free guidance weight w. */
  classId: number | null;
  guidance: number;
  /** Particles whose decoded x_t and x̂₀ every step frame carries. */
  cells: number;
  /** The decoded map's grid (mapSize² latents over ±LATENT_MAP_EXTENT; 0: no map, 2D sets only). */
  mapSize: number;
}

export type LatentFrame =
  /** The encoded training set (count × dim, with labels) and the decoder's image size. */
  | {
      kind: 'data';
      dim: number;
      points: Float32Array;
      labels: Int32Array;
      classNames: string[];
      height: number;
      width: number;
      credit: string;
    }
  /** Decoded images of the map's latents, row 0 at the top (largest second coordinate). */
  | { kind: 'map'; size: number; extent: number; images: Float32Array }
  /** Step k: latents and x̂₀ of every particle (n × dim), decoded x_t / x̂₀ of the first cells. */
  | { kind: 'step'; x: Float32Array; x0: Float32Array; images: StepImages };

/** Latents to decode now, beside the run queue (a dragged particle). */
export interface LatentDecodeRequest {
  set: LatentSetId;
  /** n × dim latents. */
  z: Float32Array;
}

/** Pixels in [−1, 1], n × height × width. */
export interface LatentDecoded {
  images: Float32Array;
  height: number;
  width: number;
}
