import { type AnalyticModel } from '../denoisers/analytic';
import { empiricalModel } from '../denoisers/empirical';

/**
 * An encoded training set shipped under public/data/<dataset>-latent<d>.json by training/export_vae.py:
 * training images mapped to their VAE posterior means (the latent space of latent diffusion, docs/LATENT.md).
 */
export interface LatentSet {
  /** Credit and licence of the images the latents were encoded from. */
  source: string;
  licence: string;
  /** The autoencoder (public/models/<model>) that encoded them. */
  model: string;
  dim: number;
  count: number;
  /** count × dim, row-major. */
  points: Float64Array;
  labels: Int32Array;
  classNames: string[];
}

export function parseLatentSet(text: string): LatentSet {
  const json = JSON.parse(text) as Record<string, unknown>;
  const { dim, count, latents, labels, classNames } = json;
  if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 1)
    throw new Error(`latent set: dim must be a positive integer, got ${String(dim)}`);
  if (typeof count !== 'number' || !Array.isArray(latents) || latents.length !== count * dim)
    throw new Error(
      `latent set: expected ${String(count)} × ${dim} latents, got ${Array.isArray(latents) ? latents.length : 'none'}`,
    );
  if (!Array.isArray(labels) || labels.length !== count)
    throw new Error(`latent set: expected ${count} labels`);
  const points = Float64Array.from(latents as number[]);
  if (!points.every(Number.isFinite))
    throw new Error('latent set: a latent is not a finite number');
  return {
    source: String(json.source ?? ''),
    licence: String(json.licence ?? ''),
    model: String(json.model ?? ''),
    dim,
    count,
    points,
    labels: Int32Array.from(labels as number[]),
    classNames: Array.isArray(classNames) ? classNames.map(String) : [],
  };
}

/**
 * The exact latent denoiser: the optimal denoiser of the empirical distribution of the encoded training
 * set, D(z, σ) = Σ_i softmax_i(−|z − z_i|²/2σ²) z_i. Sampling with it reproduces encoded training points
 * (the memorising limit); a trained latent denoiser is what generalises.
 */
export function exactLatentModel(set: LatentSet): AnalyticModel {
  return empiricalModel(set.points, set.dim);
}
