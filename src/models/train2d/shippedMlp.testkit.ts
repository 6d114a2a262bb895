/** Test-only (Node): a shipped 2D MLP's model.json and decoded weights. */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import type { ModelJson } from '../manifest';
import { MODELS_DIR } from '../shippedModels.testkit';

export function readShippedMlp(folder: string): { json: ModelJson; weights: tf.NamedTensorMap } {
  const json = JSON.parse(readFileSync(`${MODELS_DIR}${folder}/model.json`, 'utf8')) as ModelJson;
  const group = json.weightsManifest[0];
  const bin = readFileSync(`${MODELS_DIR}${folder}/${group.paths[0]}`);
  const buffer = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  return { json, weights: tf.io.decodeWeights(buffer, group.weights) };
}
