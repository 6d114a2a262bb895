import * as tf from '@tensorflow/tfjs-core';
import { inversionPair } from '../../../core/images/inversion';
import { cellGuidedDenoiser } from '../../../models/cellDenoiser';
import {
  MAX_IMAGE_STEPS,
  type ImageFrame,
  type ImageInvertJob,
  type InversionResult,
} from '../../protocol';
import type { JobContext } from './context';
import { yieldToMessages } from './context';
import { imageHost } from './hosts';
import { frameInfo, levelOf, readFrame } from './imagesFrame';
import { imageBundle, imageGrid } from './imagesModel';
import { checkRange } from './imagesSample';
import { imageLabel, testImage } from './imagesTools';
import { runToEndAsync } from '../../../core/samplers/driver';
import type { SamplerDef, SamplerParams } from '../../../core/samplers/types';

/**
 * Inverts a test image to x_T with DDIM or Heun on the probability-flow ODE, then samples back
 * on the same grid with the matching deterministic sampler (no x̂0 clipping: it would break the
 * inverse). Conditioning is the image's own class at w = 1, or none: guidance > 1 is not
 * invertible this way. Frames: every step of both phases; null when cancelled.
 */
export async function runImageInvert(
  job: ImageInvertJob,
  ctx: JobContext<ImageFrame>,
): Promise<InversionResult | null> {
  const bundle = await imageBundle(job.model, ctx);
  const { process, dim } = bundle;
  checkRange('steps', job.steps, 1, MAX_IMAGE_STEPS);
  const source = testImage(bundle, job.image);
  const grid = imageGrid(bundle, job.steps, job);
  const { sigmas } = grid;
  const steps = sigmas.length - 1;
  const host = imageHost(bundle.info.inputShape);
  const denoise = cellGuidedDenoiser(
    bundle.loaded,
    { a: Int32Array.of(imageLabel(bundle, job.image, job.conditional)) },
    job.conditional ? 1 : 0,
  );
  const { invert, regenerate, regenerateParams } = inversionPair(job.method);
  let nfe = 0;
  /** Runs one phase, streaming frames numbered from `offset`; σ at step i is sigmaAt(i). */
  const phase = async (
    name: 'invert' | 'regenerate',
    sampler: SamplerDef,
    params: SamplerParams,
    x: tf.Tensor,
    offset: number,
    sigmaAt: (i: number) => number,
  ): Promise<tf.Tensor | null> => {
    const base = nfe;
    const emit = async (i: number, xs: tf.Tensor, x0: tf.Tensor | null, ms: number) => {
      const sigma = sigmaAt(i);
      const images = await readFrame(xs, x0, levelOf(process, sigma).scale);
      const frame: ImageFrame = { kind: 'phase', phase: name, cells: 1, dim, ...images };
      ctx.emit(offset + i, 2 * steps, frame, frameInfo(process, sigma, nfe, ms));
    };
    if (offset === 0) await emit(0, x, null, 0);
    const done = await runToEndAsync(
      {
        host,
        sampler,
        params,
        grid,
        denoise,
        noise: () => {
          throw new Error('inversion samplers are deterministic');
        },
        x,
        frame: async (i, r, phaseNfe, ms) => {
          nfe = base + phaseNfe;
          await emit(i + 1, r.x, r.x0, ms);
        },
      },
      { isCancelled: () => ctx.isCancelled(), between: yieldToMessages },
    );
    return done && done.x;
  };
  const reversed = [...sigmas].reverse();
  const latent = await phase('invert', invert, {}, host.fromFloat64(source), 0, (i) => reversed[i]);
  if (!latent) return null;
  const sMax = levelOf(process, sigmas[0]).scale;
  const latentValues = Float64Array.from((await latent.data()) as Float32Array, (v) => v * sMax);
  const back = await phase(
    'regenerate',
    regenerate,
    regenerateParams,
    latent,
    steps,
    (i) => sigmas[i],
  );
  if (!back) return null;
  const values = (await back.data()) as Float32Array;
  back.dispose();
  let sq = 0;
  let maxError = 0;
  values.forEach((v, i) => {
    sq += (v - source[i]) ** 2;
    maxError = Math.max(maxError, Math.abs(v - source[i]));
  });
  const mean = latentValues.reduce((a, b) => a + b, 0) / dim;
  const variance = latentValues.reduce((a, b) => a + (b - mean) ** 2, 0) / dim;
  return {
    rmse: Math.sqrt(sq / dim),
    maxError,
    latentMean: mean,
    latentStd: Math.sqrt(variance),
  };
}
