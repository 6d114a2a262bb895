import * as tf from '@tensorflow/tfjs-core';
import { GUIDED_RANGE, regionCotangent } from '../core/guidance/reconstruction';
import type { Region } from '../core/guidance/region';
import type { Denoiser } from '../core/samplers/types';
import { tfDenoiserVjp } from './tfRestoreOps';

/**
 * A 2D network's denoiser guided to a region by reconstruction guidance
 * (core/guidance/reconstruction.ts): x̂0 + J_Dᵀg(x̂0) with one taped forward and one backward
 * pass per evaluation (tfDenoiserVjp); the cotangent is computed in float64 from x̂0 read back.
 * The guided estimate is clipped to ±GUIDED_RANGE.
 */
export function regionGuidedNetwork(
  denoise: Denoiser<tf.Tensor>,
  region: Region,
  zeta: number,
): Denoiser<tf.Tensor> {
  const vjp = tfDenoiserVjp(denoise);
  return (x, sigma) => {
    if (sigma <= 0 || zeta === 0) return denoise(x, sigma);
    const { x0, vjp: term } = vjp(x, sigma, (d) =>
      tf.tensor(Float32Array.from(regionCotangent(region, d.dataSync(), sigma, zeta)), d.shape),
    );
    const out = tf.tidy(() => tf.clipByValue(tf.add(x0, term), -GUIDED_RANGE, GUIDED_RANGE));
    tf.dispose([x0, term]);
    return out;
  };
}
