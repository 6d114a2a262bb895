import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxAbsDiff, readShippedModel, requireShippedModels } from './shippedModels.testkit';
import {
  transformerForward,
  transformerWeightShapes,
  type TransformerArchitecture,
} from './transformer';

const IDS = ['mdlm-names', 'mdlm-digits', 'ar-names'] as const;

/** training/discrete_common.py test_vector: PyTorch's float64 softmax for the float16 weights. */
interface TokenTestVector {
  tokens: number[];
  shape: [number, number];
  tau?: number[];
  labels?: number[];
  probs: number[];
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  requireShippedModels(IDS);
});

describe.each(IDS)('%s', (id) => {
  it('declares exactly the tensors its architecture needs', () => {
    const { json, weights } = readShippedModel(id);
    const arch = (json as unknown as { architecture: TransformerArchitecture }).architecture;
    const declared = Object.fromEntries(
      json.weightsManifest[0].weights.map((w) => [w.name, w.shape]),
    );
    expect(declared).toEqual(transformerWeightShapes(arch));
    tf.dispose(Object.values(weights));
  });

  it("reproduces PyTorch's probabilities to 1e-5", () => {
    const { json, weights } = readShippedModel(id);
    const { architecture: arch, testVector: v } = json as unknown as {
      architecture: TransformerArchitecture;
      testVector: TokenTestVector;
    };
    const probs = tf.tidy(() => {
      const logits = transformerForward(
        weights,
        arch,
        tf.tensor2d(v.tokens, v.shape, 'int32'),
        v.tau ? tf.tensor1d(v.tau) : undefined,
        v.labels ? tf.tensor1d(v.labels, 'int32') : undefined,
      );
      return tf.softmax(logits).dataSync();
    });
    expect(probs).toHaveLength(v.probs.length);
    const err = maxAbsDiff(probs, v.probs);
    console.log(
      `${id}: max |tfjs − PyTorch| = ${err.toExponential(2)} over ${probs.length} probabilities`,
    );
    expect(err).toBeLessThan(1e-5);
    tf.dispose(Object.values(weights));
  });
});
