import type * as tf from '@tensorflow/tfjs-core';
import type { Denoiser } from '../core/samplers/types';
import { mlp2dDenoiser } from './denoiser2d';
import type { LoadedModel } from './loader';

/**
 * A loaded 2D flow-matching MLP (`fm-<dataset>`) as a denoiser on tensors [n, 2]. The network
 * is the mlp2d architecture predicting the rectified-flow velocity v̂ ≈ E[ε − x0 | x_τ] from the
 * interpolant x_τ = (1 − τ)x0 + τε and the time label T·τ (model.json diffusion.schedule,
 * T = 1000); D = (x − σ·v̂)/(1 + σ) makes it usable by every sampler on every process.
 */
export function fm2dDenoiser(loaded: LoadedModel): Denoiser<tf.Tensor> {
  if (loaded.entry.parameterisation !== 'velocity')
    throw new Error(
      `model "${loaded.entry.id}" predicts "${loaded.entry.parameterisation}", not a flow velocity`,
    );
  return mlp2dDenoiser(loaded);
}
