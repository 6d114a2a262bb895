import * as tf from '@tensorflow/tfjs-core';
import { normals, uniformAt } from '../../core/rng';
import { mlp2dWeightShapes, type Mlp2dArchitecture } from '../mlp2d';

/** Streams for initial weights, far from the sampler keys (0, 1 + 8·step + sub) and the data keys. */
const INIT_STREAM_BASE = 0x1e170000;

/** The fixed (never trained) tensors of an architecture. */
export function frozenTensorNames(arch: Mlp2dArchitecture): string[] {
  return arch.timeEmbedding === 'fourier' ? ['time_embed/frequencies'] : [];
}

/**
 * Seeded initial weights with mlp2d's names and shapes, as PyTorch's nn.Linear initialises
 * training/mlp2d_model.py: kernels and biases ~ U(−1/√fan_in, 1/√fan_in), the output layer
 * zero (so the untrained network predicts 0). Random Fourier frequencies are
 * ω_k = 2π·W_k/(T − 1), W_k ~ N(0, scale²): `scale` cycles over t ∈ [0, T − 1].
 */
export function initialWeights(
  arch: Mlp2dArchitecture,
  seed: number,
  fourier: { scale: number; T: number } = { scale: 16, T: 1000 },
): tf.NamedTensorMap {
  const shapes = mlp2dWeightShapes(arch);
  const out: tf.NamedTensorMap = {};
  Object.entries(shapes).forEach(([name, shape], index) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const key = INIT_STREAM_BASE + index;
    let values: Float32Array;
    if (name === 'time_embed/frequencies') {
      const w = (2 * Math.PI * fourier.scale) / (fourier.T - 1);
      values = Float32Array.from(normals(seed, key, size), (z) => z * w);
    } else if (name.startsWith('output/')) {
      values = new Float32Array(size);
    } else {
      const fanIn = shapes[`${name.split('/')[0]}/kernel`][0];
      const bound = 1 / Math.sqrt(fanIn);
      values = new Float32Array(size);
      for (let i = 0; i < size; i++) values[i] = (2 * uniformAt(seed, key, i) - 1) * bound;
    }
    out[name] = tf.tensor(values, shape, 'float32');
  });
  return out;
}

/**
 * One EMA update of the trainable weights after `steps` steps, with the decay warmed up as
 * min(decay, (1 + steps) / (10 + steps)) so early averages do not cling to the seeded start.
 */
export function updateEma(
  ema: Record<string, tf.Variable>,
  live: Record<string, tf.Variable>,
  decay: number,
  steps: number,
): void {
  const d = Math.min(decay, (1 + steps) / (10 + steps));
  tf.tidy(() => {
    for (const [name, v] of Object.entries(live)) {
      if (!v.trainable) continue;
      ema[name].assign(tf.add(tf.mul(ema[name], d), tf.mul(v, 1 - d)));
    }
  });
}
