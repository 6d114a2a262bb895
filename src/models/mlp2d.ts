import * as tf from '@tensorflow/tfjs-core';

/**
 * The 2D toy denoiser network (training/mlp2d_model.py), run with tfjs-core ops:
 *   temb = SiLU(time_embed(sinusoidal(t)))
 *   h    = SiLU(input(x) + time_proj_0(temb))
 *   h    = SiLU(hidden_i(h) + time_proj_{i+1}(temb))   for i = 0 … layers − 2
 *   ε̂    = output(h)
 * with x the VP state x_t (shape [n, 2]) and t the continuous training timestep in [0, T − 1].
 * A class-conditional network (`classes` K > 0: the latent denoisers of training/train_latent.py) adds
 * a learned row of `class_embed/embeddings` [K + 1, tembDim] to time_embed's output before its SiLU,
 * row K being the null class of classifier-free guidance (Ho & Salimans 2022).
 */
export interface Mlp2dArchitecture {
  /** 'manifold-mlp': the same network on S² or T² (manifoldMlp.ts), with other input and output widths. */
  kind: 'mlp2d' | 'manifold-mlp';
  /** Input and output widths (2 unless stated: 2D toys). */
  inputDim?: number;
  outputDim?: number;
  /** Width of the sinusoidal embedding of t. */
  timeDim: number;
  /** Width of the time MLP's output, projected into every layer. */
  tembDim: number;
  hidden: number;
  layers: number;
  /**
   * 'sinusoidal' (the default, and every shipped model): DDPM's fixed frequencies. 'fourier':
   * random Fourier features [sin(t·ω_k), cos(t·ω_k)] with fixed frequencies ω stored as the
   * tensor `time_embed/frequencies` [timeDim / 2] (Tancik et al. 2020; score_sde's
   * GaussianFourierProjection), drawn once when the network is initialised.
   */
  timeEmbedding?: 'sinusoidal' | 'fourier';
  /** Class count K of a class-conditional network (absent or 0: unconditional). */
  classes?: number;
  /**
   * Improved DDPM's learned variance (Nichol & Dhariwal 2021, §3.1): the output layer is twice
   * as wide, ε̂ first, then the raw interpolation outputs o of Σ_θ (core/learnedVariance).
   */
  learnedVariance?: boolean;
}

/** The output layer's width: outputDim (2 unless stated), doubled for a learned variance. */
export const outputWidth = (a: Mlp2dArchitecture): number =>
  (a.outputDim ?? 2) * (a.learnedVariance ? 2 : 1);

/** Every tensor the network reads, with its shape ([in, out] for kernels). */
export function mlp2dWeightShapes(a: Mlp2dArchitecture): Record<string, number[]> {
  const shapes: Record<string, number[]> = {
    'time_embed/kernel': [a.timeDim, a.tembDim],
    'time_embed/bias': [a.tembDim],
    'input/kernel': [a.inputDim ?? 2, a.hidden],
    'input/bias': [a.hidden],
    'output/kernel': [a.hidden, outputWidth(a)],
    'output/bias': [outputWidth(a)],
  };
  for (let i = 0; i < a.layers - 1; i++) {
    shapes[`hidden_${i}/kernel`] = [a.hidden, a.hidden];
    shapes[`hidden_${i}/bias`] = [a.hidden];
  }
  for (let i = 0; i < a.layers; i++) shapes[`time_proj_${i}/kernel`] = [a.tembDim, a.hidden];
  if (a.timeEmbedding === 'fourier') shapes['time_embed/frequencies'] = [a.timeDim / 2];
  if (a.classes) shapes['class_embed/embeddings'] = [a.classes + 1, a.tembDim];
  return shapes;
}

/** DDPM's sinusoidal embedding [sin(t·f_k), cos(t·f_k)], f_k = 10000^(−k/half), k < half. */
export function timestepEmbedding(t: tf.Tensor1D, dim: number): tf.Tensor2D {
  return tf.tidy(() => {
    const half = dim / 2;
    const freqs = tf.exp(tf.mul(tf.range(0, half, 1, 'float32'), -Math.log(10000) / half));
    const args = tf.mul(tf.expandDims(t, 1), tf.expandDims(freqs, 0)) as tf.Tensor2D;
    return tf.concat([tf.sin(args), tf.cos(args)], 1);
  });
}

/** Random Fourier features [sin(t·ω_k), cos(t·ω_k)] for given frequencies ω [half]. */
export function fourierEmbedding(t: tf.Tensor1D, frequencies: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    const args = tf.mul(tf.expandDims(t, 1), tf.expandDims(frequencies, 0)) as tf.Tensor2D;
    return tf.concat([tf.sin(args), tf.cos(args)], 1);
  });
}

/** x·W for x [n, in] and W [in, out]; training may pass one with a faster gradient. */
export type MatMul = (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D;

function dense(
  w: tf.NamedTensorMap,
  name: string,
  x: tf.Tensor2D,
  matMul: MatMul,
  bias = true,
): tf.Tensor2D {
  const y = matMul(x, w[`${name}/kernel`] as tf.Tensor2D);
  return bias ? tf.add(y, w[`${name}/bias`]) : y;
}

const silu = (x: tf.Tensor2D): tf.Tensor2D => tf.mul(x, tf.sigmoid(x));

/**
 * The time (and class) embedding temb, and `perRow`, which turns a tensor with one row per row of
 * temb into rows the batch can add: one per particle, or the single row of a scalar t without
 * labels (broadcast). A scalar t, as every sampler step has, is embedded once; with labels, once
 * per class (K + 1 rows, picked by label: a label outside 0 … K picks a row of zeros).
 */
function timeEmbedding(
  weights: tf.NamedTensorMap,
  arch: Mlp2dArchitecture,
  t: tf.Tensor1D | number,
  matMul: MatMul,
  labels?: tf.Tensor1D,
): { temb: tf.Tensor2D; perRow: (rows: tf.Tensor2D) => tf.Tensor2D } {
  const times = typeof t === 'number' ? tf.tensor1d([t]) : t;
  const emb =
    arch.timeEmbedding === 'fourier'
      ? fourierEmbedding(times, weights['time_embed/frequencies'])
      : timestepEmbedding(times, arch.timeDim);
  const timeOut = dense(weights, 'time_embed', emb, matMul);
  const same = (rows: tf.Tensor2D) => rows;
  if (!labels) return { temb: silu(timeOut), perRow: same };
  const classes = weights['class_embed/embeddings'] as tf.Tensor2D;
  if (typeof t !== 'number')
    return { temb: silu(tf.add(timeOut, tf.gather(classes, labels))), perRow: same };
  // Row r of one-hot(labels)·rows is rows[labels[r]], exactly: one matmul (threaded on WASM,
  // where a gather of [n, hidden] takes longer than the layer's own matmul). tf.oneHot is int32;
  // the cast rather than its dtype argument, which tfjs-wasm's kernel ignores.
  const oneHot = tf.cast(tf.oneHot(labels, classes.shape[0]), 'float32') as tf.Tensor2D;
  return { temb: silu(tf.add(timeOut, classes)), perRow: (rows) => tf.matMul(oneHot, rows) };
}

/**
 * ε̂(x_t, t) for a batch: x [n, inputDim] → [n, outputDim] (2 and 2 for the toys), at times t [n] or
 * at one time t for every row (a number: the time path then runs once, not n times); `labels`
 * [n] (int32, K for the null class) is required by a class-conditional network and refused otherwise.
 */
export function mlp2dForward(
  weights: tf.NamedTensorMap,
  arch: Mlp2dArchitecture,
  x: tf.Tensor2D,
  t: tf.Tensor1D | number,
  matMul: MatMul = (a, b) => tf.matMul(a, b),
  labels?: tf.Tensor1D,
): tf.Tensor2D {
  if (Boolean(arch.classes) !== (labels !== undefined))
    throw new Error(
      arch.classes
        ? `mlp2d: this network is class-conditional (${arch.classes} classes) and needs labels`
        : 'mlp2d: labels given to a network without classes',
    );
  return tf.tidy(() => {
    const { temb, perRow } = timeEmbedding(weights, arch, t, matMul, labels);
    // Each layer adds its bias and its projection of temb; both are summed on temb's rows first.
    const shift = (layer: string, i: number) =>
      perRow(
        tf.add(weights[`${layer}/bias`], dense(weights, `time_proj_${i}`, temb, matMul, false)),
      );
    let h = silu(tf.add(dense(weights, 'input', x, matMul, false), shift('input', 0)));
    for (let i = 0; i < arch.layers - 1; i++)
      h = silu(
        tf.add(dense(weights, `hidden_${i}`, h, matMul, false), shift(`hidden_${i}`, i + 1)),
      );
    return dense(weights, 'output', h, matMul);
  });
}
