import * as tf from '@tensorflow/tfjs-core';
import { float64Host, type ArrayHost } from '../../../core/host';
import type { Denoiser } from '../../../core/samplers/types';
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
  return values instanceof Float32Array ? values : new Float32Array(values);
}

/**
 * x's values × scale in a new float32 array the caller owns (a frame's, to transfer), in one pass:
 * each value is rounded to float32 before it is scaled, as readFloat32 then a scaling would.
 */
export async function readFreshFloat32<T>(
  host: ArrayHost<T>,
  x: T,
  scale = 1,
): Promise<Float32Array> {
  const values = await host.read(x);
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.fround(values[i]) * scale;
  return out;
}

/**
 * The tfjs backends whose tensors live in this thread's memory, so reading one back is a copy
 * and nothing waits on a device. The set is the seam the tests use to run the device path.
 */
export const backendsReadInPlace = new Set(['wasm', 'cpu']);

/**
 * A network's denoiser on tensors [n, dim] as one on Float64Arrays: each evaluation uploads x,
 * runs the network and reads D back at once.
 */
export function readBackDenoiser(
  denoise: Denoiser<tf.Tensor>,
  dim: number,
): Denoiser<Float64Array> {
  return (x, sigma) => {
    const d = tf.tidy(() =>
      denoise(tf.tensor2d(new Float32Array(x), [x.length / dim, dim]), sigma),
    );
    try {
      return new Float64Array(d.dataSync());
    } finally {
      d.dispose();
    }
  };
}

/** Work on some host with the denoiser that works there. */
export type HostBody<R> = <T>(host: ArrayHost<T>, denoise: Denoiser<T>) => R;
/** Runs work on a host of its choosing (a run's, or the one the active backend calls for). */
export type OnHost = <R>(body: HostBody<R>) => R;

/**
 * Runs `body` on the host a 2D network's run uses on the active backend. Where reads are in place
 * (WASM, CPU) the particles live in plain float64 arrays and only the network runs in tfjs: a
 * sampler step's arithmetic on 2·n numbers costs less as a JS loop than as a dozen tfjs kernels,
 * each a hand-off to the WASM threads, and every frame reads the particles back anyway. On a GPU
 * the arrays stay on the device between steps and are read back asynchronously.
 */
export function onNetworkHost2d<R>(denoise: Denoiser<tf.Tensor>, body: HostBody<R>): R {
  return backendsReadInPlace.has(tf.getBackend())
    ? body(float64Host, readBackDenoiser(denoise, 2))
    : body(tfHost(2), denoise);
}

/** Image batches [n, H, W, C] on the active backend, kept on the device between steps. */
export function imageHost(
  itemShape: readonly number[],
): ArrayHost<tf.Tensor, Promise<Float32Array>> {
  return tfArrayHost(itemShape, readDevice);
}
