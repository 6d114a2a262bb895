/** Test-only helper (Node): reads a shipped model folder under public/models and decodes its weights. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { loadModel, type FetchLike, type LoadedModel } from './loader';
import type { ModelManifest } from './manifest';

export const MODELS_DIR = fileURLToPath(new URL('../../public/models/', import.meta.url));

export function shippedManifest(): ModelManifest {
  return JSON.parse(readFileSync(`${MODELS_DIR}manifest.json`, 'utf8')) as ModelManifest;
}

/** Reads public/models/ from disk the way the app fetches it over HTTP (404: a missing file). */
export const shippedFetch: FetchLike = async (url) => {
  const path = `${MODELS_DIR}${url}`;
  if (!existsSync(path))
    return { ok: false, status: 404, arrayBuffer: async () => new ArrayBuffer(0) };
  const b = readFileSync(path);
  return {
    ok: true,
    status: 200,
    arrayBuffer: async () => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength),
  };
};

/** A shipped model through the app's loader (manifest checks, SHA-256, shapes), from disk. */
export function loadShippedModel(id: string): Promise<LoadedModel> {
  const entry = shippedManifest().models.find((m) => m.id === id);
  if (!entry) throw new Error(`model "${id}" is not in the shipped manifest`);
  return loadModel(entry, { fetch: shippedFetch, baseUrl: '' });
}

/**
 * Throws, naming what is wrong, unless `dir`/manifest.json lists every model in `ids` and each
 * file it lists for them is present with its stated size. Tests on shipped weights call it
 * first, so a missing or truncated model fails them instead of letting them pass unrun.
 */
export function requireShippedModels(ids: readonly string[], dir = MODELS_DIR): void {
  const manifestPath = `${dir}manifest.json`;
  if (!existsSync(manifestPath))
    throw new Error(`${manifestPath} is missing; this test needs the models ${ids.join(', ')}`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ModelManifest;
  for (const id of ids) {
    const entry = manifest.models.find((m) => m.id === id);
    if (!entry)
      throw new Error(
        `model "${id}" is not in ${manifestPath} (listed: ${manifest.models.map((m) => m.id).join(', ')})`,
      );
    for (const f of entry.files) {
      const path = `${dir}${f.path}`;
      const found = existsSync(path) ? statSync(path).size : null;
      if (found !== f.bytes)
        throw new Error(
          `${path} is ${found === null ? 'missing' : `${found} bytes, not ${f.bytes}`}, though ` +
            `the manifest lists it for model "${id}": restore it with git checkout -- public/models`,
        );
    }
  }
}

export interface TestVector {
  x: number[];
  shape: [number, number, number, number];
  t: number[];
  labels: number[];
  expected: number[];
}

export interface ShippedModelJson {
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  modelTopology: { kind: string };
  diffusion: { nullClass: number } & Record<string, unknown>;
  testVector: TestVector;
}

export interface ShippedModel {
  json: ShippedModelJson;
  weights: tf.NamedTensorMap;
  weightBytes: number;
}

export function readShippedModel(folder: string): ShippedModel {
  const json = JSON.parse(
    readFileSync(`${MODELS_DIR}${folder}/model.json`, 'utf8'),
  ) as ShippedModelJson;
  const group = json.weightsManifest[0];
  const bin = readFileSync(`${MODELS_DIR}${folder}/${group.paths[0]}`);
  const buffer = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  return { json, weights: tf.io.decodeWeights(buffer, group.weights), weightBytes: bin.byteLength };
}

export function readTestImages(folder: string): { x: tf.Tensor4D; labels: number[] } {
  const set = JSON.parse(readFileSync(`${MODELS_DIR}${folder}/test-images.json`, 'utf8'));
  const flat = Float32Array.from((set.images as number[][]).flat(), (v) => v / 127.5 - 1);
  return {
    x: tf.tensor4d(flat, [set.images.length, set.height, set.width, 1]),
    labels: set.labels,
  };
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
