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

/**
 * A shipped MDLM transformer (Sahoo et al. 2024) as core's DiscreteDenoiser: p̂(x₀ | x_t) as L×K
 * row-major probabilities with K = vocabIn, the mask's column (vocabOut) zero (SUBS).
 */
export function transformerDenoiser(
  weights: tf.NamedTensorMap,
  arch: TransformerArchitecture,
  opts: TransformerDenoiserOptions,
): DiscreteDenoiser {
  if (!arch.time || arch.causal) throw new Error('transformerDenoiser: needs a diffusion denoiser');
  const nullClass = arch.classes;
  const label = opts.label ?? nullClass;
  const w = arch.classes > 0 && label !== nullClass ? (opts.guidance ?? 0) : 0;
  const { length: L, vocabOut: V, vocabIn: K } = arch;
  return (xt, t) => {
    const probs = tf.tidy(() => {
      const rows = w === 0 ? 1 : 2;
      const tokens = tf.tensor2d(
        Array.from({ length: rows }, () => [...xt]),
        [rows, L],
        'int32',
      );
      const tau = tf.fill([rows], t / opts.T) as tf.Tensor1D;
      const labels = tf.tensor1d(rows === 1 ? [label] : [label, nullClass], 'int32');
      const logp = tf.logSoftmax(transformerForward(weights, arch, tokens, tau, labels));
      const [cond, uncond] = tf.unstack(logp);
      return tf.softmax(w === 0 ? cond : tf.sub(tf.mul(cond, 1 + w), tf.mul(uncond, w)));
    });
    const p = probs.dataSync();
    probs.dispose();
    const out = new Float64Array(L * K);
    for (let l = 0; l < L; l++) for (let k = 0; k < V; k++) out[l * K + k] = p[l * V + k];
    return out;
  };
}
