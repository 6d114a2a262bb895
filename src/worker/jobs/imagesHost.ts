import * as tf from '@tensorflow/tfjs-core';
import type { ArrayHost } from '../../core/host';
import type { Process } from '../../core/schedules/process';
import type { FrameInfo } from '../protocol';
import { tfHost } from './hosts';

/** Image batches [n, H, W, C] on the active backend, kept on the device between steps. */
export function imageHost(
  itemShape: readonly number[],
): ArrayHost<tf.Tensor, Promise<Float32Array>> {
  const dim = itemShape.reduce((a, b) => a * b, 1);
  return {
    ...tfHost(dim),
    fromFloat64: (x) => tf.tensor(Float32Array.from(x), [x.length / dim, ...itemShape], 'float32'),
  };
}

/**
 * s(t) and t of a grid level on the model's training process (its discrete VP schedule, or the
 * rectified flow, where s = 1 − τ and t = τ); σ = 0 is the data itself (s = 1, t = 0).
 */
export function levelOf(process: Process, sigma: number): { scale: number; t: number } {
  if (sigma === 0) return { scale: 1, t: 0 };
  const t = process.tOfSigma(sigma);
  return { scale: process.scale(t), t };
}

/**
 * One read-back of what a frame draws: x_t = s·x (and x̂0) as one concatenated buffer, so a GPU
 * backend syncs once per frame.
 */
export async function readFrame(
  x: tf.Tensor,
  x0: tf.Tensor | null,
  scale: number,
): Promise<{ xt: Float32Array; x0: Float32Array | null }> {
  const n = x.size;
  const joined = tf.tidy(() => {
    const xt = tf.reshape(tf.mul(x, scale), [-1]);
    return x0 ? tf.concat([xt, tf.reshape(x0, [-1])]) : xt;
  });
  const values = (await joined.data()) as Float32Array;
  joined.dispose();
  return { xt: values.subarray(0, n), x0: x0 ? values.subarray(n) : null };
}

export function frameInfo(process: Process, sigma: number, nfe: number, ms: number): FrameInfo {
  const { scale, t } = levelOf(process, sigma);
  return { sigma, t, scale, nfe, ms, extent: 1, lane: 0 };
}
