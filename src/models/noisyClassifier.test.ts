import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
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
