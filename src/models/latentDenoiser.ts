import * as tf from '@tensorflow/tfjs-core';
import type { Denoiser } from '../core/samplers/types';
import { networkDenoiser } from './denoiser2d';
import type { LoadedModel } from './loader';
import { mlp2dForward, type Mlp2dArchitecture } from './mlp2d';

/** What a trained latent denoiser (mlp-<dataset>-latent<d>d, training/train_latent.py) states. */
export interface LatentModelInfo {
  /** Manifest id of the autoencoder whose latents it denoises (e.g. 'fashion-vae16'). */
  autoencoder: string;
  latentDim: number;
  classes: number;
  /** The label that means "no class": the unconditional prediction (= classes). */
  nullClass: number;
}

/** Autoencoder, latent width and classes from model.json; throws on a model that is not one. */
export function latentModelInfo(loaded: LoadedModel): LatentModelInfo {
  const json = loaded.modelJson as Record<string, unknown>;
  const arch = json.architecture as Partial<Mlp2dArchitecture> | undefined;
  const d = (json.diffusion ?? {}) as Record<string, unknown>;
  const { autoencoder } = json;
  const { nullClass } = d;
  if (
    arch?.kind !== 'mlp2d' ||
    typeof autoencoder !== 'string' ||
    !arch.classes ||
    typeof arch.inputDim !== 'number' ||
    arch.outputDim !== arch.inputDim ||
    nullClass !== arch.classes
  ) {
    throw new Error(
      `model "${loaded.entry.id}" is not a class-conditional latent denoiser: model.json needs an mlp2d ` +
        'architecture with classes and inputDim = outputDim, "autoencoder" and diffusion.nullClass = classes',
    );
  }
  return { autoencoder, latentDim: arch.inputDim, classes: arch.classes, nullClass };
}

/**
 * A trained latent denoiser on latents [n, latentDim] for class `classId` (null: unconditional) with
 * classifier-free guidance (Ho & Salimans 2022, eq. 6) in the convention of guidedUnetDenoiser.ts:
 * D = D_uncond + w·(D_cond − D_uncond), w = 1 the conditional model, w = 0 the unconditional one.
 * D is affine in ε̂ with the same coefficients for both passes, so the guidance is applied to ε̂;
 * both passes run as one batch (one NFE).
 */
export function latentDenoiser(
  loaded: LoadedModel,
  classId: number | null,
  guidance: number,
): Denoiser<tf.Tensor> {
  const { classes, nullClass } = latentModelInfo(loaded);
  if (classId !== null && !(Number.isInteger(classId) && classId >= 0 && classId < classes))
    throw new Error(
      `latent denoiser "${loaded.entry.id}": class must be 0 … ${classes - 1}, got ${classId}`,
    );
  if (!Number.isFinite(guidance))
    throw new Error(
      `latent denoiser "${loaded.entry.id}": guidance must be finite, got ${guidance}`,
    );
  const arch = loaded.modelJson.architecture as unknown as Mlp2dArchitecture;
  const forward = (x: tf.Tensor2D, t: number, labels: number[], perLabel: number) =>
    mlp2dForward(
      loaded.weights,
      arch,
      x,
      t,
      undefined,
      tf.concat(labels.map((c) => tf.fill([perLabel], c, 'int32'))) as tf.Tensor1D,
    );
  const model = (xt: tf.Tensor, t: number) =>
    tf.tidy(() => {
      const x = xt as tf.Tensor2D;
      const n = x.shape[0];
      if (classId === null || guidance === 0) return forward(x, t, [nullClass], n);
      if (guidance === 1) return forward(x, t, [classId], n);
      const [cond, uncond] = tf.split(forward(tf.concat([x, x]), t, [classId, nullClass], n), 2);
      return tf.add(uncond, tf.mul(tf.sub(cond, uncond), guidance));
    });
  return networkDenoiser(loaded.entry, model);
}
