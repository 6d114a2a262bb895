import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDiscreteVP } from '../core/schedules/discreteVP';
import {
  classifierScore,
  logProbGradient,
  noisyClassifierLogits,
  type NoisyClassifierTopology,
} from './noisyClassifier';
import { maxAbsDiff, readShippedModel, requireShippedModels } from './shippedModels.testkit';

/** Float32 tfjs vs PyTorch float64 (logits, and autograd's input gradient) on the float16 weights. */
const MAX_ABS_ERROR = 1e-5;

interface NoisyTestVector {
  x: number[];
  shape: [number, number, number, number];
  t: number[];
  labels: number[];
  expectedLogits: number[];
  expectedGrad: number[];
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(['fashion', 'digits'])('%s-noisy-classifier', (dataset) => {
  const folder = `${dataset}-noisy-classifier`;
  const load = () => {
    requireShippedModels([folder]);
    const { json, weights } = readShippedModel(folder);
    const tv = (json as unknown as { testVector: NoisyTestVector }).testVector;
    const topo = json.modelTopology as unknown as NoisyClassifierTopology;
    return { tv, topo, weights, x: tf.tensor4d(tv.x, tv.shape), t: tf.tensor1d(tv.t) };
  };

  it('matches the PyTorch logits on the test vector', () => {
    const { tv, topo, weights, x, t } = load();
    const logits = noisyClassifierLogits(weights, topo, x, t);
    expect(logits.shape).toEqual([2, 10]);
    expect(maxAbsDiff(logits.dataSync(), tv.expectedLogits)).toBeLessThan(MAX_ABS_ERROR);
  });

  it("matches PyTorch autograd's input gradient of log p(y | x_t)", () => {
    const { tv, topo, weights, x, t } = load();
    const targets = tf.oneHot(tf.tensor1d(tv.labels, 'int32'), 10) as tf.Tensor2D;
    const grad = logProbGradient(weights, topo, x, t, tf.cast(targets, 'float32'));
    expect(grad.shape).toEqual(tv.shape);
    const scale = Math.max(...tv.expectedGrad.map(Math.abs));
    expect(scale).toBeGreaterThan(1e-3);
    expect(maxAbsDiff(grad.dataSync(), tv.expectedGrad)).toBeLessThan(MAX_ABS_ERROR);
  });
});

describe('classifierScore', () => {
  it('is the gradient of log p(y | x/sqrt(1 + σ²), t(σ)) in x: central differences', () => {
    requireShippedModels(['digits-noisy-classifier']);
    const { json, weights } = readShippedModel('digits-noisy-classifier');
    const topo = json.modelTopology as unknown as NoisyClassifierTopology;
    const schedule = makeDiscreteVP({ kind: 'linear', numTrainTimesteps: 1000 });
    const sigma = 1.3;
    const x = tf.randomNormal([1, 16, 16, 1], 0, 1.5, 'float32', 7) as tf.Tensor4D;
    const targets = tf.tensor2d([[0, 0, 0, 0, 1, 0, 0, 0, 0, 0]]);
    const score = classifierScore({ weights, topo, schedule }, x, sigma, targets).dataSync();
    const logP = (v: Float32Array) =>
      tf.tidy(() => {
        const xt = tf.mul(tf.tensor4d(v, [1, 16, 16, 1]), 1 / Math.sqrt(1 + sigma * sigma));
        const t = tf.tensor1d([schedule.tOfSigma(sigma)]);
        const logits = noisyClassifierLogits(weights, topo, xt as tf.Tensor4D, t);
        return tf.logSoftmax(logits).dataSync()[4];
      });
    const base = x.dataSync() as Float32Array;
    const h = 1e-2;
    for (const i of [0, 37, 120, 255]) {
      const up = Float32Array.from(base);
      const down = Float32Array.from(base);
      up[i] += h;
      down[i] -= h;
      expect(score[i]).toBeCloseTo((logP(up) - logP(down)) / (2 * h), 3);
    }
  });
});
