import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from './loader';
import { shippedFetch as fileFetch } from './shippedModels.testkit';
import { weightBytes, type ModelJson, type ModelManifest } from './manifest';

const MODELS = join(__dirname, '..', '..', 'public', 'models');
const manifest = JSON.parse(readFileSync(join(MODELS, 'manifest.json'), 'utf8')) as ModelManifest;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('public/models/manifest.json', () => {
  it('lists every model folder once, each with its card', () => {
    const folders = readdirSync(MODELS).filter((d) => existsSync(join(MODELS, d, 'model.json')));
    expect(manifest.models.map((m) => m.id).sort()).toEqual(folders.sort());
    for (const m of manifest.models) expect(existsSync(join(MODELS, m.card)), m.card).toBe(true);
  });

  it.each(manifest.models.flatMap((m) => m.files.map((f) => [f.path, f] as const)))(
    '%s exists with the stated size and SHA-256',
    (path, f) => {
      const b = readFileSync(join(MODELS, path));
      expect(b.length).toBe(f.bytes);
      expect(createHash('sha256').update(b).digest('hex')).toBe(f.sha256);
    },
  );

  it.each(manifest.models.map((m) => [m.id, m] as const))(
    '%s decodes to its declared shapes',
    async (_id, m) => {
      const json = JSON.parse(readFileSync(join(MODELS, m.id, 'model.json'), 'utf8')) as ModelJson;
      const loaded = await loadModel(m, { fetch: fileFetch, baseUrl: '' });
      for (const spec of json.weightsManifest.flatMap((g) => g.weights)) {
        expect(loaded.weights[spec.name].shape, spec.name).toEqual(spec.shape);
        expect(loaded.weights[spec.name].dtype).toBe(spec.dtype);
      }
      tf.dispose(Object.values(loaded.weights));
    },
  );
});

describe('weightBytes', () => {
  it('counts 4 bytes per float32, 2 per float16-quantised, 1 per uint8-quantised element', () => {
    expect(weightBytes({ name: 'a', shape: [3, 5], dtype: 'float32' })).toBe(60);
    const q16 = { dtype: 'float16', original_dtype: 'float32' } as const;
    expect(weightBytes({ name: 'b', shape: [3, 5], dtype: 'float32', quantization: q16 })).toBe(30);
    expect(
      weightBytes({ name: 'c', shape: [7], dtype: 'float32', quantization: { dtype: 'uint8' } }),
    ).toBe(7);
  });
});
