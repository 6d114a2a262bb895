import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ClassifierTopology, classifierForward, classify } from './classifier';
import { maxAbsDiff, readShippedModel, readTestImages } from './shippedModels.testkit';

/** Float32 tfjs vs the float64 PyTorch reference on the same float16-rounded weights. */
const MAX_ABS_ERROR = 1e-4;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Floors sit about 2.5 binomial standard deviations below each classifier's full test-split accuracy
// (fashion 92.7% on 10,000 images, digits 98.9% on 359; see the model cards), for the 40 shipped images.
describe.each([
  ['fashion', 0.82],
  ['digits', 0.9],
])('%s classifier', (dataset, floor) => {
  const folder = `${dataset}-classifier`;

  it('ships at most 1 MB of weights, all decodable', () => {
    const { weights, weightBytes } = readShippedModel(folder);
    expect(weightBytes).toBeLessThanOrEqual(1_000_000);
    expect(weights['head.weight'].shape[1]).toBe(10);
  });

  it('matches the PyTorch logits on the test vector', () => {
    const { json, weights } = readShippedModel(folder);
    const tv = json.testVector;
    const logits = classifierForward(
      weights,
      json.modelTopology as unknown as ClassifierTopology,
      tf.tensor4d(tv.x, tv.shape),
    );
    expect(logits.shape).toEqual([tv.shape[0], 10]);
    expect(maxAbsDiff(logits.dataSync(), tv.expected)).toBeLessThan(MAX_ABS_ERROR);
  });

  it('labels the shipped test-split images as the data set does', () => {
    const { json, weights } = readShippedModel(folder);
    const { x, labels } = readTestImages(dataset);
    const predicted = classify(weights, json.modelTopology as unknown as ClassifierTopology, x);
    const correct = labels.filter((label, i) => predicted[i] === label).length;
    expect(correct / labels.length).toBeGreaterThanOrEqual(floor);
  });
});
