import * as tf from '@tensorflow/tfjs-core';
import { denoiserFromVelocity } from '../core/denoisers/velocity';
import { flowProcess } from '../core/schedules/flow';
import type { Denoiser } from '../core/samplers/types';
import type { LoadedModel } from './loader';
import { mlp2dForward, type Mlp2dArchitecture } from './mlp2d';
import { tfOps } from './tfOps';

/**
 * A loaded 2D flow-matching MLP as a denoiser on tensors [n, 2]. The network is the mlp2d
 * architecture predicting the rectified-flow velocity v̂(x_τ, τ) ≈ E[ε − x0 | x_τ] from the
 * interpolant x_τ = (1 − τ)x0 + τε and τ ∈ [0, 1] (core/denoisers/velocity.ts's default
 * conditioning); D = (x − σ·v̂)/(1 + σ) makes it usable by every sampler on every process.
 */
export function fm2dDenoiser(loaded: LoadedModel): Denoiser<tf.Tensor> {
  const { modelJson, weights } = loaded;
  const arch = modelJson.architecture as unknown as Mlp2dArchitecture;
  const velocity = (xTau: tf.Tensor, tau: number) =>
    tf.tidy(() =>
      mlp2dForward(
        weights,
        arch,
        xTau as tf.Tensor2D,
        tf.fill([xTau.shape[0]], tau) as tf.Tensor1D,
      ),
    );
  return denoiserFromVelocity(tfOps, flowProcess(), velocity);
}
