import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { matMulExplicitGrad } from './matMul';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('matMulExplicitGrad', () => {
  it("has tf.matMul's value and tf.matMul's gradients", () => {
    const x = tf.randomNormal([7, 5], 0, 1, 'float32', 1) as tf.Tensor2D;
    const w = tf.randomNormal([5, 3], 0, 1, 'float32', 2) as tf.Tensor2D;
    const weight = tf.randomNormal([7, 3], 0, 1, 'float32', 3);
    const loss =
      (f: (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D) => (a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(tf.sin(f(a as tf.Tensor2D, b as tf.Tensor2D)), weight));
    const ours = tf.grads(loss(matMulExplicitGrad));
    const reference = tf.grads(loss((a, b) => tf.matMul(a, b)));
    expect(Array.from(matMulExplicitGrad(x, w).dataSync())).toEqual(
      Array.from(tf.matMul(x, w).dataSync()),
    );
    const [dx, dw] = ours([x, w]);
    const [rx, rw] = reference([x, w]);
    expect(dx.shape).toEqual([7, 5]);
    expect(dw.shape).toEqual([5, 3]);
    const close = (a: tf.Tensor, b: tf.Tensor) =>
      Array.from(a.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(b.dataSync()[i], 5));
    close(dx, rx);
    close(dw, rw);
  });
});
