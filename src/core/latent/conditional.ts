/** The exact latent denoiser, unconditional or for one class with classifier-free guidance. */
import { exactLatentModel, type LatentSet } from '../data/latentData';
import { empiricalModel } from '../denoisers/empirical';
import type { Denoiser } from '../samplers/types';

/** The latents of one class (the exact conditional model is the empirical one over them). */
export function classLatents(set: LatentSet, classId: number): Float64Array {
  const rows: number[] = [];
  for (let i = 0; i < set.count; i++) if (set.labels[i] === classId) rows.push(i);
  if (rows.length === 0) throw new Error(`the latent set has no latents of class ${classId}`);
  const out = new Float64Array(rows.length * set.dim);
  rows.forEach((r, k) => out.set(set.points.subarray(r * set.dim, (r + 1) * set.dim), k * set.dim));
  return out;
}

/**
 * classId null: D_u, the encoded set's optimal denoiser. Otherwise classifier-free guidance (Ho &
 * Salimans 2022, eq. 6, in denoiser form): D = D_u + w·(D_c − D_u), with D_c the optimal denoiser
 * of the class's latents; w = 1 is the exact conditional model, w = 0 the unconditional one.
 */
export function exactLatentDenoiser(
  set: LatentSet,
  classId: number | null,
  guidance: number,
): Denoiser<Float64Array> {
  const uncond = exactLatentModel(set).denoise;
  if (classId === null) return uncond;
  const cond = empiricalModel(classLatents(set, classId), set.dim).denoise;
  if (guidance === 1) return cond;
  return (x, sigma) => {
    const du = uncond(x, sigma);
    const dc = cond(x, sigma);
    const out = new Float64Array(du.length);
    for (let i = 0; i < out.length; i++) out[i] = du[i] + guidance * (dc[i] - du[i]);
    return out;
  };
}
