/**
 * The few layers the shipped image networks use, on tfjs-core ops, in NHWC layout.
 * Weights arrive already converted by training/export_tfjs.py: conv kernels HWIO, linear [in, out].
 */
import * as tf from '@tensorflow/tfjs-core';

export function weight(weights: tf.NamedTensorMap, name: string): tf.Tensor {
  const w = weights[name];
  if (w === undefined) throw new Error(`missing weight "${name}"`);
  return w;
}

/** 3x3 (or 1x1) convolution. Stride 2 pads (1,1) explicitly, as PyTorch's padding=1 does:
 * tfjs 'same' with stride 2 would pad (0,1) and shift the output by a pixel. */
export function conv(
  weights: tf.NamedTensorMap,
  prefix: string,
  x: tf.Tensor4D,
  stride: 1 | 2 = 1,
): tf.Tensor4D {
  const kernel = weight(weights, `${prefix}.weight`) as tf.Tensor4D;
  const bias = weight(weights, `${prefix}.bias`);
  const pad = (kernel.shape[0] - 1) / 2;
  const padded =
    pad > 0
      ? tf.pad(x, [
          [0, 0],
          [pad, pad],
          [pad, pad],
          [0, 0],
        ])
      : x;
  return tf.add(tf.conv2d(padded, kernel, stride, 'valid'), bias);
}

export function linear(weights: tf.NamedTensorMap, prefix: string, x: tf.Tensor2D): tf.Tensor2D {
  return tf.add(
    tf.matMul(x, weight(weights, `${prefix}.weight`) as tf.Tensor2D),
    weight(weights, `${prefix}.bias`),
  );
}

export function silu<T extends tf.Tensor>(x: T): T {
  return tf.mul(x, tf.sigmoid(x));
}

/** GroupNorm over (H, W, channels-in-group), then a per-channel affine map. */
export function groupNorm(
  weights: tf.NamedTensorMap,
  prefix: string,
  x: tf.Tensor4D,
  groups: number,
  eps: number,
): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  const grouped = tf.reshape(x, [b, h, w, groups, c / groups]);
  const { mean, variance } = tf.moments(grouped, [1, 2, 4], true);
  const normed = tf.mul(tf.sub(grouped, mean), tf.rsqrt(tf.add(variance, eps)));
  const back = tf.reshape(normed, [b, h, w, c]);
  return tf.add(
    tf.mul(back, weight(weights, `${prefix}.weight`)),
    weight(weights, `${prefix}.bias`),
  );
}

/**
 * Nearest-neighbour 2x upsampling: each pixel becomes a 2x2 block. Rows, then columns, are
 * doubled by concatenating a copy along a new axis of size 1 (rank ≤ 5, so tfjs can take its
 * gradient: tile has none above rank 5, and DPS / ΠGDM differentiate through the UNet).
 */
export function upsample2x(x: tf.Tensor4D): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  const double = (t: tf.Tensor, n: number) => {
    const one = tf.reshape(t, [n, 1, -1]);
    return tf.concat([one, one], 1);
  };
  const rows = tf.reshape(double(x, b * h), [b * 2 * h * w, 1, c]);
  return tf.reshape(tf.concat([rows, rows], 1), [b, 2 * h, 2 * w, c]);
}
