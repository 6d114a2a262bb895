import * as tf from '@tensorflow/tfjs-core';
import type { ArrayHost } from '../../../core/host';
import { tfOps } from '../../../models/tfOps';

/** Networks run on the active tfjs backend; arrays stay on the device between steps. */
export function tfHost(dim: number): ArrayHost<tf.Tensor, Promise<Float32Array>> {
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

/** x's values in float32, as frames carry them: a float64 state is rounded before it is scaled. */
export async function readFloat32<T>(host: ArrayHost<T>, x: T): Promise<Float32Array> {
  const values = await host.read(x);
  return values instanceof Float32Array ? values : Float32Array.from(values);
}

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
