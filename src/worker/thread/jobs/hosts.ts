import * as tf from '@tensorflow/tfjs-core';
import type { ArrayHost } from '../../../core/host';
import { tfArrayHost } from '../../../models/tfHost';

/** Reads a device array back (asynchronously: a GPU backend reads back that way). */
const readDevice = async (x: tf.Tensor) => (await x.data()) as Float32Array;

/** Networks run on the active tfjs backend; arrays stay on the device between steps. */
export function tfHost(dim: number): ArrayHost<tf.Tensor, Promise<Float32Array>> {
  return tfArrayHost([dim], readDevice);
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
  return tfArrayHost(itemShape, readDevice);
}
