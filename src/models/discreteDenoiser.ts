import * as tf from '@tensorflow/tfjs-core';
import type { DiscreteDenoiser } from '../core/discrete/exact';
import { transformerForward, type TransformerArchitecture } from './transformer';

export interface TransformerDenoiserOptions {
  /** The process's number of steps: the network reads τ = t / T. */
  T: number;
  /** Class of a class-conditional network; the null class when omitted. */
  label?: number;
  /**
   * Classifier-free guidance w on log-probabilities, (1 + w) log p̂(x₀ | x_t, y) − w log p̂(x₀ | x_t)
   * then renormalised (Ho & Salimans 2022, applied per token to the categorical prediction).
   */
  guidance?: number;
}

/** Times of a batch: one t for every sequence, or one per sequence. */
export type BatchTimes = number | ArrayLike<number>;

/**
 * p̂(x₀ | x_t) of B sequences (xs: B·L tokens) as B·L·K probabilities with K = vocabIn, the
 * mask's column (vocabOut) zero (SUBS): one forward of B rows, 2B with guidance.
 */
export interface TransformerBatch {
  /** Read back synchronously (CLI, tests, the CPU and WASM backends). */
  denoise(xs: Int32Array, t: BatchTimes): Float64Array;
  /** Read back asynchronously (how a GPU backend reads without stalling). */
  denoiseAsync(xs: Int32Array, t: BatchTimes): Promise<Float64Array>;
}

/**
 * A shipped MDLM transformer (Sahoo et al. 2024) on batches of sequences; its single-sequence
 * form is transformerDenoiser.
 */
export function transformerBatch(
  weights: tf.NamedTensorMap,
  arch: TransformerArchitecture,
  opts: TransformerDenoiserOptions,
): TransformerBatch {
  if (!arch.time || arch.causal) throw new Error('transformerDenoiser: needs a diffusion denoiser');
  const nullClass = arch.classes;
  const label = opts.label ?? nullClass;
  const w = arch.classes > 0 && label !== nullClass ? (opts.guidance ?? 0) : 0;
  const { length: L, vocabOut: V, vocabIn: K } = arch;

  /** [B, L, V] probabilities: the guided mixture when w ≠ 0 (rows 0..B−1 conditional, B..2B−1 not). */
  const probs = (xs: Int32Array, t: BatchTimes): tf.Tensor => {
    const B = xs.length / L;
    if (!Number.isInteger(B) || B < 1)
      throw new Error(
        `transformerDenoiser: ${xs.length} tokens is not a batch of length-${L} rows`,
      );
    const taus =
      typeof t === 'number'
        ? new Float32Array(B).fill(t / opts.T)
        : Float32Array.from(t, (v) => v / opts.T);
    if (taus.length !== B)
      throw new Error(`transformerDenoiser: ${taus.length} times for ${B} rows`);
    const copies = w === 0 ? 1 : 2;
    return tf.tidy(() => {
      const tokens = tf.tile(tf.tensor2d(xs, [B, L], 'int32'), [copies, 1]) as tf.Tensor2D;
      const tau = tf.tile(tf.tensor1d(taus), [copies]) as tf.Tensor1D;
      const labels = tf.tensor1d(
        Int32Array.from({ length: copies * B }, (_, r) => (r < B ? label : nullClass)),
        'int32',
      );
      const logp = tf.logSoftmax(transformerForward(weights, arch, tokens, tau, labels));
      if (w === 0) return tf.softmax(logp);
      const [cond, uncond] = tf.split(logp, 2, 0);
      return tf.softmax(tf.sub(tf.mul(cond, 1 + w), tf.mul(uncond, w)));
    });
  };
  /** V data-token probabilities per position into K columns (the mask's stays 0). */
  const rows = (p: ArrayLike<number>): Float64Array => {
    const n = p.length / V;
    const out = new Float64Array(n * K);
    for (let r = 0; r < n; r++) for (let k = 0; k < V; k++) out[r * K + k] = p[r * V + k];
    return out;
  };
  return {
    denoise(xs, t) {
      const p = probs(xs, t);
      try {
        return rows(p.dataSync());
      } finally {
        p.dispose();
      }
    },
    async denoiseAsync(xs, t) {
      const p = probs(xs, t);
      try {
        return rows(await p.data());
      } finally {
        p.dispose();
      }
    },
  };
}

/** The single-sequence form (core's DiscreteDenoiser): a batch of one. */
export function transformerDenoiser(
  weights: tf.NamedTensorMap,
  arch: TransformerArchitecture,
  opts: TransformerDenoiserOptions,
): DiscreteDenoiser {
  const batch = transformerBatch(weights, arch, opts);
  return (xt, t) => batch.denoise(xt, t);
}

/**
 * Σ_l −log p(x_l | x_<l) of each sequence under the causal autoregressive transformer
 * (training/discrete_ar.py nll_nats): input BOS (token vocabOut) then x_0 … x_{L−2}, output at
 * position l the distribution of x_l. Returns a [B] tensor of nats.
 */
function arNll(
  weights: tf.NamedTensorMap,
  arch: TransformerArchitecture,
  x0s: Int32Array,
): tf.Tensor1D {
  if (arch.time || !arch.causal) throw new Error('arNllNats: needs a causal autoregressive model');
  const { length: L, vocabOut: V } = arch;
  const B = x0s.length / L;
  if (!Number.isInteger(B) || B < 1)
    throw new Error(`arNllNats: ${x0s.length} tokens is not a batch of length-${L} rows`);
  const shifted = new Int32Array(B * L);
  for (let b = 0; b < B; b++) {
    shifted[b * L] = V;
    shifted.set(x0s.subarray(b * L, b * L + L - 1), b * L + 1);
  }
  return tf.tidy(() => {
    const logp = tf.logSoftmax(
      transformerForward(weights, arch, tf.tensor2d(shifted, [B, L], 'int32')),
    );
    const picked = tf.mul(logp, tf.oneHot(tf.tensor2d(x0s, [B, L], 'int32'), V));
    return tf.neg(tf.sum(picked, [1, 2])) as tf.Tensor1D;
  });
}

/** The autoregressive NLL in nats of B sequences (x0s: B·L tokens), read back synchronously. */
export function arNllNats(
  weights: tf.NamedTensorMap,
  arch: TransformerArchitecture,
  x0s: Int32Array,
): Float64Array {
  const nll = arNll(weights, arch, x0s);
  try {
    return Float64Array.from(nll.dataSync());
  } finally {
    nll.dispose();
  }
}

/** arNllNats read back asynchronously. */
export async function arNllNatsAsync(
  weights: tf.NamedTensorMap,
  arch: TransformerArchitecture,
  x0s: Int32Array,
): Promise<Float64Array> {
  const nll = arNll(weights, arch, x0s);
  try {
    return Float64Array.from(await nll.data());
  } finally {
    nll.dispose();
  }
}
