/**
 * Measures the max abs error between the TypeScript forward passes (tfjs cpu backend, float32) and
 * the PyTorch test vectors stored in each model.json; writes training/.cache/parity.json for the cards.
 * Usage (repository root): npx tsx training/parity.ts
 */
import '@tensorflow/tfjs-backend-cpu';
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { type ClassifierTopology, classifierForward } from '../src/models/classifier';
import { maxAbsDiff, readShippedModel } from '../src/models/shippedModels.testkit';
import { type UNetTopology, unetForward } from '../src/models/unet';

await tf.setBackend('cpu');
const result: Record<string, number> = {};
for (const folder of [
  'fashion',
  'digits',
  'digits-fm',
  'fashion-classifier',
  'digits-classifier',
]) {
  const { json, weights } = readShippedModel(folder);
  const tv = json.testVector;
  const x = tf.tensor4d(tv.x, tv.shape);
  const out =
    json.modelTopology.kind === 'unet'
      ? unetForward(
          weights,
          json.modelTopology as unknown as UNetTopology,
          x,
          tf.tensor1d(tv.t),
          tf.tensor1d(tv.labels, 'int32'),
        )
      : classifierForward(weights, json.modelTopology as unknown as ClassifierTopology, x);
  result[folder] = maxAbsDiff(out.dataSync(), tv.expected);
}
writeFileSync(new URL('.cache/parity.json', import.meta.url), JSON.stringify(result, null, 1));
console.log(result);
