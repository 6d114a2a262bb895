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
  /** Each latent's index in the training split (training/data.py order); empty where not shipped. */
  indices: Int32Array;
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
    indices:
      Array.isArray(json.indices) && json.indices.length === count
        ? Int32Array.from(json.indices as number[])
        : new Int32Array(0),
    classNames: Array.isArray(classNames) ? classNames.map(String) : [],
  };
}

/**
 * The exact latent denoiser: the optimal denoiser of the empirical distribution of the encoded training
 * set, D(z, σ) = Σ_i softmax_i(−|z − z_i|²/2σ²) z_i. Sampling with it reproduces encoded training points
 * (the memorising limit); a trained latent denoiser is what generalises.
 */
/** For each of the points in `x` (n × dim), the index and distance of its nearest latent in `set`. */
export function nearestLatents(
  set: Pick<LatentSet, 'dim' | 'count'> & { points: ArrayLike<number> },
  x: ArrayLike<number>,
): { index: number; distance: number }[] {
  const { dim, points, count } = set;
  const out: { index: number; distance: number }[] = [];
  for (let q = 0; q < x.length / dim; q++) {
    let best = Infinity;
    let index = -1;
    for (let i = 0; i < count; i++) {
      let d2 = 0;
      for (let k = 0; k < dim; k++) d2 += (x[q * dim + k] - points[i * dim + k]) ** 2;
      if (d2 < best) [best, index] = [d2, i];
    }
    out.push({ index, distance: Math.sqrt(best) });
  }
  return out;
}

export function exactLatentModel(set: LatentSet): AnalyticModel {
  return empiricalModel(set.points, set.dim);
}
