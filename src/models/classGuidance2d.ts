import * as tf from '@tensorflow/tfjs-core';
import type { Denoiser } from '../core/samplers/types';

/**
 * Classifier guidance on a 2D network (Dhariwal & Nichol 2021, eq. 2–3, for the denoiser):
 * D_w(x, σ) = D_net(x, σ) + w·σ²∇log p(y | x_σ), with the classifier's input gradient given in
 * float64 (the exact mixture classifier, core/guidance/classGuidance.ts) on x read back.
 */
export function classifierGuidedNetwork(
  denoise: Denoiser<tf.Tensor>,
  gradient: (x: Float64Array, sigma: number) => Float64Array,
  scale: number,
): Denoiser<tf.Tensor> {
  return (x, sigma) => {
    if (sigma <= 0 || scale === 0) return denoise(x, sigma);
    const g = gradient(Float64Array.from(x.dataSync()), sigma);
    return tf.tidy(() =>
      tf.add(
        denoise(x, sigma),
        tf.mul(tf.tensor(Float32Array.from(g), x.shape), scale * sigma * sigma),
      ),
    );
  };
}
