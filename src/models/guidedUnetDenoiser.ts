import * as tf from '@tensorflow/tfjs-core';
import type { Denoiser } from '../core/samplers/types';
import { networkDenoiser } from './denoiser2d';
import type { LoadedModel } from './loader';
import { unetForward, type UNetTopology } from './unet';

export interface ImageModelInfo {
  /** [H, W, C] of one image. */
  inputShape: number[];
  classes: number;
  /** The label that means "no class": the unconditional prediction. */
  nullClass: number;
}

/** Input shape, class count and null class from model.json's "diffusion" key. */
export function imageModelInfo(loaded: LoadedModel): ImageModelInfo {
  const d = (loaded.modelJson.diffusion ?? {}) as Record<string, unknown>;
  const inputShape = d.inputShape;
  const { classes, nullClass } = d;
  if (
    !Array.isArray(inputShape) ||
    inputShape.length !== 3 ||
    typeof classes !== 'number' ||
    typeof nullClass !== 'number'
  ) {
    throw new Error(
      `model "${loaded.entry.id}": model.json "diffusion" lacks inputShape [H, W, C], classes or nullClass`,
    );
  }
  return { inputShape: inputShape as number[], classes, nullClass };
}

/**
 * The class-conditional UNet with classifier-free guidance (Ho & Salimans 2022, eq. 6) as a
 * denoiser on [n, H, W, C] tensors: D = D_uncond + w·(D_cond − D_uncond), with the null class
 * giving D_uncond. D is affine in the network's prediction with the same coefficients for
 * both passes, so the guidance is applied to the predictions; w = 1 is the plain conditional
 * model, w = 0 the unconditional one. Both passes run as one batch (one NFE). The same holds
 * for a flow-matching UNet (parameterisation "velocity"): D is affine in v̂ too, so guiding
 * the velocity guides the denoiser (networkDenoiser picks the adapter).
 */
export function guidedUnetDenoiser(
  loaded: LoadedModel,
  classId: number,
  guidance: number,
): Denoiser<tf.Tensor> {
  const { nullClass } = imageModelInfo(loaded);
  const topo = loaded.modelJson.modelTopology as unknown as UNetTopology;
  /** The network on a batch made of blocks of `perLabel` rows, block k labelled labels[k]. */
  const forward = (xt: tf.Tensor4D, t: number, labels: number[], perLabel: number) =>
    unetForward(
      loaded.weights,
      topo,
      xt,
      tf.fill([xt.shape[0]], t) as tf.Tensor1D,
      tf.concat(labels.map((c) => tf.fill([perLabel], c, 'int32'))) as tf.Tensor1D,
    );
  const model = (xt: tf.Tensor, t: number) =>
    tf.tidy(() => {
      const x = xt as tf.Tensor4D;
      const n = x.shape[0];
      if (guidance === 1) return forward(x, t, [classId], n);
      if (guidance === 0) return forward(x, t, [nullClass], n);
      const [cond, uncond] = tf.split(forward(tf.concat([x, x]), t, [classId, nullClass], n), 2);
      return tf.add(uncond, tf.mul(tf.sub(cond, uncond), guidance));
    });
  return networkDenoiser(loaded.entry, model);
}
