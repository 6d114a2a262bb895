import * as tf from '@tensorflow/tfjs-core';
import { frechetDistance, moments } from '../../../core/metrics/frechet';
import { inceptionScore, softmaxRows } from '../../../core/metrics/inceptionScore';
import type { QualityReadout } from '../../protocol/image';
import { classifierOn, type ImageClassifier } from './imagesModel';

/**
 * Scores final samples with the bundled classifier: the predicted class and its probability per
 * cell, how many cells land in their requested class, the Fréchet distance of pooled classifier
 * features to the shipped test images (NaN below 2 samples) and the inception score. Proxies
 * computed with a small classifier, not FID / IS with Inception-v3.
 */
export async function scoreSamples(
  c: ImageClassifier,
  x: tf.Tensor4D,
  requested: Int32Array | null,
): Promise<QualityReadout> {
  const n = x.shape[0];
  const { logits, features } = classifierOn(c, x);
  const [l, f] = (await Promise.all([logits.data(), features.data()])) as Float32Array[];
  const k = logits.shape[1];
  const d = features.shape[1];
  tf.dispose([logits, features]);
  const probs = softmaxRows(l, n, k);
  const predicted = new Int32Array(n);
  const confidence = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      if (probs[i * k + j] > confidence[i]) {
        confidence[i] = probs[i * k + j];
        predicted[i] = j;
      }
    }
  }
  return {
    agreeing: requested ? predicted.filter((p, i) => p === requested[i]).length : null,
    scored: n,
    fd: n >= 2 ? frechetDistance(moments(f, n, d), c.reference) : NaN,
    inceptionScore: inceptionScore(probs, n, k),
    fdFloor: c.fdFloor,
    references: c.references,
    predicted,
    confidence,
  };
}
