import * as tf from '@tensorflow/tfjs-core';
import { SELFTEST } from '../selftest';

/** Runs the self-test computation on the active backend (also the warm-up). */
export async function runSelfTest(): Promise<Float32Array> {
  const { x, w, b } = SELFTEST;
  const y = tf.tidy(() =>
    tf.tanh(
      tf.add(
        tf.matMul(
          tf.tensor2d([...x.values], [x.rows, x.cols]),
          tf.tensor2d([...w.values], [w.rows, w.cols]),
        ),
        tf.tensor1d([...b]),
      ),
    ),
  );
  const data = (await y.data()) as Float32Array;
  y.dispose();
  return new Float32Array(data);
}
