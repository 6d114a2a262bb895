/**
 * The noise-conditional classifier p_φ(y | x_t, t) of classifier guidance (Dhariwal & Nichol 2021,
 * "Diffusion Models Beat GANs on Image Synthesis", Sec. 4), mirror of
 * training/train_noisy_classifier.py: NoisyClassifier. An MLP with the UNets' sinusoidal time
 * embedding, so that its input gradient is matrix products only and runs on every tfjs backend.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import * as tf from '@tensorflow/tfjs-core';
import type { Process } from '../core/schedules/process';
import { linear, silu } from './tfLayers';
import { timestepEmbedding } from './unet';

export interface NoisyClassifierTopology {
  kind: 'noisy-classifier';
  hidden: number[];
  timeDim: number;
  embDim: number;
  inputShape: [number, number, number];
}

/**
 * Logits [B, classes] of noised images x_t [B, H, W, C] (the process's own state, data range
 * [−1, 1] before noising) at timesteps t [B] (fractional allowed, like the UNets' input).
 */
export function noisyClassifierLogits(
  weights: tf.NamedTensorMap,
  topo: NoisyClassifierTopology,
  xt: tf.Tensor4D,
  t: tf.Tensor1D,
): tf.Tensor2D {
  return tf.tidy(() => {
    const e = silu(linear(weights, 'time', timestepEmbedding(t, topo.timeDim)));
    const flat = tf.reshape(xt, [xt.shape[0], -1]) as tf.Tensor2D;
    const h1 = silu(
      tf.add(linear(weights, 'fc1', flat), linear(weights, 'emb1', e)) as tf.Tensor2D,
    );
    const h2 = silu(tf.add(linear(weights, 'fc2', h1), linear(weights, 'emb2', e)) as tf.Tensor2D);
    return linear(weights, 'head', h2);
  });
}

/**
 * ∇_{x_t} Σ_i Σ_k targets[i, k]·log softmax(logits_i)[k]. Rows are independent, so row i is the
 * gradient of image i's own objective: with a one-hot row, log p_φ(y_i | x_t); with a blend
 * (1 − λ)·e_a + λ·e_b, the blended log-probabilities; a zero row gives zero.
 */
export function logProbGradient(
  weights: tf.NamedTensorMap,
  topo: NoisyClassifierTopology,
  xt: tf.Tensor4D,
  t: tf.Tensor1D,
  targets: tf.Tensor2D,
): tf.Tensor4D {
  return tf.tidy(() => {
    const f = (x: tf.Tensor) =>
      tf.sum(
        tf.mul(tf.logSoftmax(noisyClassifierLogits(weights, topo, x as tf.Tensor4D, t)), targets),
      );
    return tf.grad(f)(xt) as tf.Tensor4D;
  });
}

export interface NoisyClassifier {
  weights: tf.NamedTensorMap;
  topo: NoisyClassifierTopology;
  /** The discrete VP schedule it was trained on: σ ↦ its timestep. */
  schedule: Pick<Process, 'tOfSigma'>;
}

/**
 * ∇_x of logProbGradient's objective in k-diffusion coordinates x = x0 + σε, for any process
 * (a flow model's too): the VP state at noise level σ is x_t = x/sqrt(1 + σ²), at the
 * classifier's timestep t(σ) (clamped to its schedule), so by the chain rule ∇_x = s·∇_{x_t}.
 */
export function classifierScore(
  classifier: NoisyClassifier,
  x: tf.Tensor4D,
  sigma: number,
  targets: tf.Tensor2D,
): tf.Tensor4D {
  return tf.tidy(() => {
    const s = 1 / Math.sqrt(1 + sigma * sigma);
    const times = tf.fill([x.shape[0]], classifier.schedule.tOfSigma(sigma)) as tf.Tensor1D;
    const { weights, topo } = classifier;
    return tf.mul(logProbGradient(weights, topo, tf.mul(x, s), times, targets), s);
  });
}
