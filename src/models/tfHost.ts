import * as tf from '@tensorflow/tfjs-core';
import type { ArrayHost, ReadBack } from '../core/host';
import { tfOps } from './tfOps';

/**
 * Batches of items of `itemShape` ([2] for points, [H, W, C] for images) as float32 tensors on
 * the active tfjs backend, read back by `read`. Each scope is a tf.tidy that keeps the arrays
 * `keep` names; release disposes.
 */
export function tfArrayHost<R extends ReadBack>(
  itemShape: readonly number[],
  read: (x: tf.Tensor) => R,
): ArrayHost<tf.Tensor, R> {
  const dim = itemShape.reduce((a, b) => a * b, 1);
  return {
    ops: tfOps,
    fromFloat64: (x) => tf.tensor(Float32Array.from(x), [x.length / dim, ...itemShape], 'float32'),
    read,
    scoped: (fn, keep) => {
      let out!: ReturnType<typeof fn>;
      tf.tidy(() => {
        out = fn();
        return keep(out);
      });
      return out;
    },
    release: (arrays) => {
      for (const a of arrays) a.dispose();
    },
  };
}
