import * as tf from '@tensorflow/tfjs-core';
import { float64Ops } from '../../../core/ops';
import { tfOps } from '../../../models/tfOps';
import type { ArrayHost } from './stepLoop';

/** Exact models run in float64 on the worker's CPU thread. */
export const float64Host: ArrayHost<Float64Array> = {
  ops: float64Ops,
  fromFloat64: (x) => x,
  read: async (x) => Float32Array.from(x),
  scoped: (fn) => fn(),
  release: () => {},
};

/** Networks run on the active tfjs backend; arrays stay on the device between steps. */
export function tfHost(dim: number): ArrayHost<tf.Tensor> {
  return {
    ops: tfOps,
    fromFloat64: (x) => tf.tensor(Float32Array.from(x), [x.length / dim, dim], 'float32'),
    read: async (x) => (await x.data()) as Float32Array,
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

/** Image batches [n, H, W, C] on the active backend, kept on the device between steps. */
export function imageHost(itemShape: readonly number[]): ArrayHost<tf.Tensor> {
  const dim = itemShape.reduce((a, b) => a * b, 1);
  return {
    ...tfHost(dim),
    fromFloat64: (x) => tf.tensor(Float32Array.from(x), [x.length / dim, ...itemShape], 'float32'),
  };
}
