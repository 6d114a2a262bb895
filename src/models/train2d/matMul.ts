import * as tf from '@tensorflow/tfjs-core';

/**
 * x·W whose gradient transposes explicitly: dx = dy·Wᵀ and dW = xᵀ·dy as a Transpose and a
 * plain MatMul. The values are tf.matMul's; the gradients equal its own. tfjs's WASM kernel is
 * several times slower on transposed operands (its own gradient sets transposeA/B), which made
 * the backward pass most of a training step there.
 */
export const matMulExplicitGrad = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, w, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.matMul(x, w),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [a, b] = saved as tf.Tensor2D[];
      return [
        tf.matMul(dy as tf.Tensor2D, tf.transpose(b)),
        tf.matMul(tf.transpose(a), dy as tf.Tensor2D),
      ];
    },
  };
}) as (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D;
