import * as tf from '@tensorflow/tfjs-core';
import type { Denoiser } from '../core/samplers/types';
import { cellGuidedDenoiser, type CellConditioning } from './cellDenoiser';
import { imageModelInfo } from './guidedUnetDenoiser';
import type { LoadedModel } from './loader';
import { classifierScore, type NoisyClassifier } from './noisyClassifier';

/**
 * Each row's classifier objective as weights over the classes: one-hot a[i], or for a mix
 * (1 − λ_i)·e_{a_i} + λ_i·e_{b_i}; a row labelled with the null class gets zeros (no guidance).
 */
export function classTargets(cond: CellConditioning, classes: number, nullClass: number) {
  const n = cond.a.length;
  const targets = new Float32Array(n * classes);
  const put = (row: number, label: number, weight: number) => {
    if (label !== nullClass) targets[row * classes + label] += weight;
  };
  for (let i = 0; i < n; i++) {
    const lambda = cond.mix ? cond.mix.lambda[i] : 0;
    put(i, cond.a[i], 1 - lambda);
    if (cond.mix && lambda !== 0) put(i, cond.mix.b[i], lambda);
  }
  return targets;
}

/**
 * Classifier guidance (Dhariwal & Nichol 2021, "Diffusion Models Beat GANs on Image Synthesis",
 * Algorithm 2: ε̂ − w·sqrt(1 − ᾱ)·∇_{x_t} log p_φ(y | x_t)) in denoiser form: the unconditional
 * model's D (the null class) plus w·σ²·∇_x log p_φ(y | x_σ), the gradient taken through the
 * noise-conditional classifier by tf.grad each step. Works with every sampler and process.
 */
export function classifierGuidedDenoiser(
  loaded: LoadedModel,
  classifier: NoisyClassifier,
  cond: CellConditioning,
  guidance: number,
): Denoiser<tf.Tensor> {
  const { classes, nullClass } = imageModelInfo(loaded);
  const n = cond.a.length;
  const uncond = cellGuidedDenoiser(loaded, { a: new Int32Array(n).fill(nullClass) }, 0);
  if (guidance === 0) return uncond;
  const targets = classTargets(cond, classes, nullClass);
  return (x, sigma) =>
    tf.tidy(() => {
      const score = classifierScore(
        classifier,
        x as tf.Tensor4D,
        sigma,
        tf.tensor2d(targets, [n, classes]),
      );
      return tf.add(uncond(x, sigma), tf.mul(score, guidance * sigma * sigma));
    });
}
