import * as tf from '@tensorflow/tfjs-core';
import type { ArrayOps } from '../core/ops';
import { normals } from '../core/rng';

/**
 * ArrayOps on tfjs tensors: sampler arithmetic stays on the device between steps. Callers
 * wrap each step in tf.tidy and keep what the run holds (see core/samplers/driver.ts).
 */
export const tfOps: ArrayOps<tf.Tensor> = {
  lincomb(terms) {
    return tf.tidy(() => {
      const parts = terms.filter(([c]) => c !== 0).map(([c, a]) => (c === 1 ? a : tf.mul(a, c)));
      if (parts.length === 0) return tf.zerosLike(terms[0][1]);
      return parts.length === 1 ? tf.clone(parts[0]) : tf.addN(parts);
    });
  },
  mul: (a, b) => tf.mul(a, b),
  clip: (x, lo, hi) => tf.clipByValue(x, lo, hi),
  meanSquare: (x) => tf.tidy(() => tf.mean(tf.square(x))).dataSync()[0],
  errorNorm: (err, a, b, atol, rtol, scale = 'sum') =>
    tf
      .tidy(() => {
        const rel = tf.mul(rtol, tf.maximum(tf.abs(a), tf.abs(b)));
        const delta = scale === 'max' ? tf.maximum(atol, rel) : tf.add(atol, rel);
        return tf.mean(tf.square(tf.div(err, delta)));
      })
      .dataSync()[0],
};

/** Counter-based noise from core/rng, uploaded: the same numbers on every backend. */
export function tfNoise(seed: number, shape: number[]): (key: number) => tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return (key) => tf.tensor(Float32Array.from(normals(seed, key, size)), shape, 'float32');
}
