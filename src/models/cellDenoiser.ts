import * as tf from '@tensorflow/tfjs-core';
import type { Denoiser } from '../core/samplers/types';
import { networkDenoiser } from './denoiser2d';
import { imageModelInfo } from './guidedUnetDenoiser';
import type { LoadedModel } from './loader';
import { unetForward, type UNetTopology } from './unet';

/**
 * What each row (cell) of a batch is conditioned on: class a[i], or with `mix` a blend
 * (1 − λ_i)·class a[i] + λ_i·class b[i] of the two guidance directions. The null class in a[i]
 * makes row i unconditional.
 */
export interface CellConditioning {
  a: Int32Array;
  mix?: { b: Int32Array; lambda: Float32Array };
}

/**
 * Classifier-free guidance (Ho & Salimans 2022, eq. 6) with per-row classes, and for a mix the
 * weighted sum of two class directions (the conjunction of Liu et al. 2022, Composable Diffusion,
 * eq. 10, with weights w(1 − λ) and wλ):
 *   D_i = D_∅ + w·[(1 − λ_i)(D_{a_i} − D_∅) + λ_i(D_{b_i} − D_∅)].
 * D is affine in the network's prediction with the same coefficients for every pass, so the
 * combination is applied to the predictions (ε̂ of a diffusion UNet, or the velocity v̂ of a
 * flow-matching one: networkDenoiser turns either into D). All passes run as one batch: 1 pass
 * at w = 0 or (unmixed) w = 1, 2 unmixed, 3 mixed.
 */
export function cellGuidedDenoiser(
  loaded: LoadedModel,
  cond: CellConditioning,
  guidance: number,
): Denoiser<tf.Tensor> {
  const { nullClass } = imageModelInfo(loaded);
  const topo = loaded.modelJson.modelTopology as unknown as UNetTopology;
  const n = cond.a.length;
  const mix = cond.mix && cond.mix.lambda.some((l) => l !== 0) ? cond.mix : null;
  if (mix && (mix.b.length !== n || mix.lambda.length !== n))
    throw new Error(
      `cell conditioning: ${n} rows but ${mix.b.length} b labels and ${mix.lambda.length} weights`,
    );
  const blocks: Int32Array[] =
    guidance === 0 ? [new Int32Array(n).fill(nullClass)] : mix ? [cond.a, mix.b] : [cond.a];
  if (guidance !== 0 && (mix || guidance !== 1)) blocks.push(new Int32Array(n).fill(nullClass));
  const labels = new Int32Array(blocks.length * n);
  blocks.forEach((b, k) => labels.set(b, k * n));

  const model = (xt: tf.Tensor, t: number) =>
    tf.tidy(() => {
      const x = xt as tf.Tensor4D;
      if (x.shape[0] !== n)
        throw new Error(`cell conditioning: ${n} rows, state batch ${x.shape[0]}`);
      const input = blocks.length === 1 ? x : (tf.concat(blocks.map(() => x)) as tf.Tensor4D);
      const out = unetForward(
        loaded.weights,
        topo,
        input,
        tf.fill([input.shape[0]], t) as tf.Tensor1D,
        tf.tensor1d(labels, 'int32'),
      );
      if (blocks.length === 1) return out;
      const parts = tf.split(out, blocks.length);
      const uncond = parts[parts.length - 1];
      let direction = tf.sub(parts[0], uncond);
      if (mix) {
        const lambda = tf.tensor4d(mix.lambda, [n, 1, 1, 1]);
        direction = tf.add(
          tf.mul(direction, tf.sub(1, lambda)),
          tf.mul(tf.sub(parts[1], uncond), lambda),
        );
      }
      return tf.add(uncond, tf.mul(direction, guidance));
    });
  return networkDenoiser(loaded.entry, model);
}
