import * as tf from '@tensorflow/tfjs-core';
import { velocityFromDenoised } from '../../../core/denoisers/velocity';
import { float64Ops } from '../../../core/ops';
import { INITIAL_NOISE_KEY, normals } from '../../../core/rng';
import { timeAtFraction } from '../../../core/scene/forward';
import { cellGuidedDenoiser } from '../../../models/cellDenoiser';
import type { ImageFrame, ImageLoadJob, ImageNoiseJob, LoadedImages } from '../../protocol/image';
import type { JobContext } from './context';
import { imageHost } from './hosts';
import { imageBundle, type ImageBundle } from './imagesModel';
import { checkRange } from './imagesSample';

/** Loads an image model, its classifier and test images; resolves to the test images. */
export async function runImageLoad(job: ImageLoadJob, ctx: JobContext): Promise<LoadedImages> {
  const { info, test, classifier } = await imageBundle(job.model, ctx);
  // Copies: the bundle keeps its test images, and the result's buffers are transferred.
  return {
    count: test.count,
    height: test.height,
    width: test.width,
    classes: info.classes,
    hasClassifier: classifier !== null,
    labels: test.labels.slice(),
    pixels: test.pixels.slice(),
  };
}

/** Test image `index` as float64 values in [-1, 1]. */
export function testImage(bundle: ImageBundle, index: number): Float64Array {
  checkRange('the test image', index, 0, bundle.test.count - 1);
  return Float64Array.from(
    bundle.test.pixels.subarray(index * bundle.dim, (index + 1) * bundle.dim),
  );
}

/** The label a test-image job conditions on: the image's own class, or the null class. */
export function imageLabel(bundle: ImageBundle, index: number, conditional: boolean): number {
  return conditional ? bundle.test.labels[index] : bundle.info.nullClass;
}

const meanSquareDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return s / a.length;
};

/**
 * Forward noising of one test image: x_t = s(x0 + σε) with ε the seed's x_T stream (on the flow,
 * x_t = (1 − t)x0 + tε), and the model's estimates there, x̂0 = D(x, σ), ε̂ = (x − x̂0)/σ and
 * the velocity v̂ = ε̂ − x̂0 (k-diffusion coordinates x = x_t/s; core/denoisers/velocity.ts).
 */
export async function runImageNoise(
  job: ImageNoiseJob,
  ctx: JobContext<ImageFrame>,
): Promise<null> {
  const bundle = await imageBundle(job.model, ctx);
  checkRange('guidance', job.guidance, 0, 10, false);
  const x0 = testImage(bundle, job.image);
  const { process, dim } = bundle;
  const t = timeAtFraction(process, job.t);
  const sigma = process.sigma(t);
  const scale = process.scale(t);
  const eps = normals(job.seed, INITIAL_NOISE_KEY, dim);
  const x = x0.map((v, i) => v + sigma * eps[i]);
  const denoise = cellGuidedDenoiser(
    bundle.loaded,
    { a: Int32Array.of(imageLabel(bundle, job.image, job.conditional)) },
    job.conditional ? job.guidance : 0,
  );
  const t0 = performance.now();
  const state = imageHost(bundle.info.inputShape).fromFloat64(x);
  const estimate = tf.tidy(() => denoise(state, sigma));
  const x0Hat = (await estimate.data()) as Float32Array;
  tf.dispose([state, estimate]);
  const epsHat = Float32Array.from(x, (v, i) => (v - x0Hat[i]) / sigma);
  const vHat = velocityFromDenoised(float64Ops, x, Float64Array.from(x0Hat), sigma);
  const frame: ImageFrame = {
    kind: 'noise',
    dim,
    mseX0: meanSquareDiff(x0Hat, x0),
    mseEps: meanSquareDiff(epsHat, eps),
    mseV: meanSquareDiff(
      vHat,
      eps.map((e, i) => e - x0[i]),
    ),
    xt: Float32Array.from(x, (v) => v * scale),
    eps: Float32Array.from(eps),
    x0: x0Hat,
    epsHat,
    vHat: Float32Array.from(vHat),
  };
  ctx.emit(0, 1, frame, {
    sigma,
    t,
    scale,
    nfe: 1,
    ms: performance.now() - t0,
    extent: 1,
    lane: 0,
  });
  return null;
}
