import * as tf from '@tensorflow/tfjs-core';
import type { DivergenceField } from '../core/lab/heunLikelihood';
import {
  imageBitsPerDim,
  type ImageBpd,
  type ImageBpdOptions,
  type ImageBpdProgress,
} from '../core/lab/imageBpd';
import type { Denoiser } from '../core/samplers/types';
import { guidedUnetDenoiser, imageModelInfo } from './guidedUnetDenoiser';
import { hutchinsonDivergence, rademacher } from './hutchinson';
import type { LoadedModel } from './loader';
import { tfDenoiserVjp } from './tfRestoreOps';

/** Hutchinson probes per image: at most this many. */
export const MAX_PROBES = 64;

/** Stream key of the Hutchinson probes, apart from the sampler and dequantisation streams. */
const PROBE_STREAM = 0x4a7c_0000;

/**
 * The PF-ODE field of `count` images with Hutchinson's divergence: each image repeated `probes`
 * times in one batch, one Rademacher probe per copy, drawn once and held fixed along the
 * trajectory (Song et al. 2021, Appendix D.2), the estimates averaged per image. One forward
 * and one backward pass of count·probes rows per evaluation. dispose() frees the probes.
 */
export function hutchinsonImageField(
  denoise: Denoiser<tf.Tensor>,
  shape: readonly number[],
  count: number,
  probes: number,
  seed: number,
): { field: DivergenceField; dispose: () => void } {
  if (!Number.isInteger(probes) || probes < 1 || probes > MAX_PROBES)
    throw new Error(
      `the number of Hutchinson probes must be an integer in 1..${MAX_PROBES}, got ${probes}`,
    );
  const dim = shape.reduce((a, b) => a * b, 1);
  const rows = count * probes;
  const eps = tf.tensor(rademacher(seed, PROBE_STREAM, rows * dim), [rows, ...shape]);
  const vjp = tfDenoiserVjp(denoise);
  const field: DivergenceField = (x, sigma) => {
    const batch = tf.tidy(() =>
      tf.reshape(tf.tile(tf.tensor(Float32Array.from(x), [count, 1, dim]), [1, probes, 1]), [
        rows,
        ...shape,
      ]),
    );
    const { x0, divergence } = hutchinsonDivergence(vjp, batch, sigma, eps);
    const all = x0.dataSync();
    const div = divergence.dataSync();
    tf.dispose([batch, x0, divergence]);
    const denoised = new Float64Array(count * dim);
    const mean = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      denoised.set(all.subarray(i * probes * dim, (i * probes + 1) * dim), i * dim);
      for (let p = 0; p < probes; p++) mean[i] += div[i * probes + p] / probes;
    }
    return { denoised, divergence: mean };
  };
  return { field, dispose: () => eps.dispose() };
}

/** A tfjs denoiser on float64 rows of `shape` (read back synchronously). */
export function float64Denoiser(
  denoise: Denoiser<tf.Tensor>,
  shape: readonly number[],
): Denoiser<Float64Array> {
  const dim = shape.reduce((a, b) => a * b, 1);
  return (x, sigma) => {
    const out = tf.tidy(() =>
      denoise(tf.tensor(Float32Array.from(x), [x.length / dim, ...shape]), sigma).dataSync(),
    );
    return Float64Array.from(out);
  };
}

/**
 * Bits per dimension of 8-bit images under a diffusion UNet's unconditional model (the null
 * class): core/lab/imageBpd.ts with Hutchinson's divergence (`probes` per image) through the
 * network's VJP. Frees its tensors when done or when the caller stops iterating.
 */
export function* unetBitsPerDim(
  loaded: LoadedModel,
  bytes: Uint8Array,
  options: ImageBpdOptions & { probes: number },
): Generator<ImageBpdProgress, ImageBpd> {
  const { inputShape, nullClass } = imageModelInfo(loaded);
  const denoise = guidedUnetDenoiser(loaded, nullClass, 0);
  const count = bytes.length / options.dim;
  const { field, dispose } = hutchinsonImageField(
    denoise,
    inputShape,
    count,
    options.probes,
    options.seed,
  );
  try {
    return yield* imageBitsPerDim(field, float64Denoiser(denoise, inputShape), bytes, options);
  } finally {
    dispose();
  }
}
