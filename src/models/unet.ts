/**
 * Forward pass of the class-conditional eps-prediction UNet trained by training/train_image.py
 * (mirror of training/nets.py: UNet). Input x: [B, H, W, 1] in data units (data range [-1, 1]),
 * t: [B] discrete VP timesteps (0..T-1, fractional allowed), labels: [B] int32 class ids, where
 * the null class (model.json diffusion.nullClass) gives the unconditional prediction used by
 * classifier-free guidance. Output: ε̂ with the shape of x.
 */
import * as tf from '@tensorflow/tfjs-core';
import { conv, groupNorm, linear, silu, upsample2x, weight } from './tfLayers';

export interface UNetTopology {
  kind: 'unet';
  /** Channels per resolution level; every level but the last halves the resolution. */
  channels: number[];
  embDim: number;
  groups: number;
  groupNormEps: number;
}

/** [sin(t f_i), cos(t f_i)], f_i = 10000^(-i/half), i < half = dim/2 (training/nets.py). */
export function timestepEmbedding(t: tf.Tensor1D, dim: number): tf.Tensor2D {
  const half = dim / 2;
  const freqs = tf.exp(tf.mul(tf.range(0, half, 1, 'float32'), -Math.log(10000) / half));
  const args = tf.mul(tf.reshape(tf.cast(t, 'float32'), [-1, 1]), tf.reshape(freqs, [1, half]));
  return tf.concat([tf.sin(args), tf.cos(args)], 1) as tf.Tensor2D;
}

function resBlock(
  w: tf.NamedTensorMap,
  prefix: string,
  topo: UNetTopology,
  x: tf.Tensor4D,
  emb: tf.Tensor2D,
): tf.Tensor4D {
  const norm = (p: string, v: tf.Tensor4D) =>
    groupNorm(w, `${prefix}.${p}`, v, topo.groups, topo.groupNormEps);
  let h = conv(w, `${prefix}.conv1`, silu(norm('norm1', x)));
  const e = linear(w, `${prefix}.emb`, silu(emb));
  h = tf.add(h, tf.reshape(e, [e.shape[0], 1, 1, e.shape[1]]));
  h = conv(w, `${prefix}.conv2`, silu(norm('norm2', h)));
  const skip = w[`${prefix}.skip.weight`] !== undefined ? conv(w, `${prefix}.skip`, x) : x;
  return tf.add(h, skip);
}

export function unetForward(
  weights: tf.NamedTensorMap,
  topo: UNetTopology,
  x: tf.Tensor4D,
  t: tf.Tensor1D,
  labels: tf.Tensor1D,
): tf.Tensor4D {
  return tf.tidy(() => {
    const levels = topo.channels.length;
    const temb = timestepEmbedding(t, topo.channels[0]);
    const classEmb = tf.gather(
      weight(weights, 'class_emb.weight'),
      tf.cast(labels, 'int32'),
    ) as tf.Tensor2D;
    const emb: tf.Tensor2D = tf.add(
      linear(weights, 'time_mlp2', silu(linear(weights, 'time_mlp1', temb))),
      classEmb,
    );
    let h = conv(weights, 'conv_in', x);
    const skips: tf.Tensor4D[] = [];
    for (let i = 0; i < levels; i++) {
      h = resBlock(weights, `down_blocks.${i}`, topo, h, emb);
      skips.push(h);
      if (i < levels - 1) h = conv(weights, `downs.${i}.conv`, h, 2);
    }
    h = resBlock(weights, 'mid', topo, h, emb);
    for (let j = 0; j < levels; j++) {
      if (j > 0) h = upsample2x(h);
      const skip = skips.pop() as tf.Tensor4D;
      h = resBlock(weights, `up_blocks.${j}`, topo, tf.concat([h, skip], 3) as tf.Tensor4D, emb);
    }
    const out = groupNorm(weights, 'norm_out', h, topo.groups, topo.groupNormEps);
    return conv(weights, 'conv_out', silu(out));
  });
}
