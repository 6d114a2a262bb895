import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel, type FetchLike, type LoadProgress } from './loader';
import type { ModelEntry, ModelJson } from './manifest';

const MODELS = join(__dirname, '..', '..', 'public', 'models');
const ID = 'mlp-moons';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** An in-memory copy of one shipped model and a manifest entry describing it. */
function fixture() {
  const files = new Map<string, Uint8Array>();
  for (const f of ['model.json', 'weights.bin'])
    files.set(`${ID}/${f}`, new Uint8Array(readFileSync(join(MODELS, ID, f))));
  const entry = (): ModelEntry => ({
    id: ID,
    kind: 'mlp2d',
    dataset: 'moons',
    inputShape: [2],
    files: [...files].map(([path, b]) => ({
      path,
      bytes: b.length,
      sha256: sha(b),
      role: path.endsWith('.json') ? 'model' : 'weights',
    })),
    licence: 'MIT',
    source: 'test',
    card: `${ID}/README.md`,
  });
  /** Serves the files in chunks of `chunk` bytes through a body reader, 404 for anything else. */
  const fetch =
    (chunk = 1 << 14): FetchLike =>
    async (url) => {
      const b = files.get(url.replace(/^models\//, ''));
      if (!b) return { ok: false, status: 404, arrayBuffer: async () => new ArrayBuffer(0) };
      let pos = 0;
      const reader = {
        read: async () => {
          if (pos >= b.length) return { done: true };
          const value = b.slice(pos, pos + chunk);
          pos += chunk;
          return { done: false, value };
        },
      };
      return {
        ok: true,
        status: 200,
        arrayBuffer: async () => b.slice().buffer,
        body: { getReader: () => reader },
      };
    };
  return { files, entry, fetch };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('loadModel', () => {
  it('loads a verified model and reports monotone progress up to the total', async () => {
    const { entry, fetch, files } = fixture();
    const seen: LoadProgress[] = [];
    const m = await loadModel(entry(), {
      fetch: fetch(),
      baseUrl: 'models/',
      onProgress: (p) => seen.push(p),
    });
    const total = [...files.values()].reduce((n, b) => n + b.length, 0);
    expect(seen.length).toBeGreaterThan(2);
    expect(
      seen.every(
        (p, i) => p.totalBytes === total && (i === 0 || p.loadedBytes > seen[i - 1].loadedBytes),
      ),
    ).toBe(true);
    expect(seen[seen.length - 1].loadedBytes).toBe(total);
    expect(m.weights['input/kernel'].shape).toEqual([2, 128]);
    expect(m.weights['output/bias'].dtype).toBe('float32');
    tf.dispose(Object.values(m.weights));
  });

  it('rejects a truncated weights file, naming the model and the sizes', async () => {
    const { entry, fetch, files } = fixture();
    const e = entry();
    const w = files.get(`${ID}/weights.bin`)!;
    files.set(`${ID}/weights.bin`, w.slice(0, w.length - 100));
    await expect(loadModel(e, { fetch: fetch(), baseUrl: 'models/' })).rejects.toThrow(
      `model "${ID}": ${ID}/weights.bin is truncated: ${w.length - 100} bytes, expected ${w.length}`,
    );
  });

  it('rejects a file whose SHA-256 does not match', async () => {
    const { entry, fetch, files } = fixture();
    const e = entry();
    files.get(`${ID}/weights.bin`)![1000] ^= 0xff;
    await expect(loadModel(e, { fetch: fetch(), baseUrl: 'models/' })).rejects.toThrow(
      new RegExp(
        `model "${ID}": ${ID}/weights.bin has the wrong SHA-256: [0-9a-f]{64}, expected ${e.files[1].sha256}`,
      ),
    );
  });

  it('rejects a tensor whose declared shape differs from the architecture', async () => {
    const { entry, fetch, files } = fixture();
    const json = JSON.parse(new TextDecoder().decode(files.get(`${ID}/model.json`))) as ModelJson;
    json.weightsManifest[0].weights.find((w) => w.name === 'input/kernel')!.shape = [128, 2];
    files.set(`${ID}/model.json`, new TextEncoder().encode(JSON.stringify(json)));
    await expect(loadModel(entry(), { fetch: fetch(), baseUrl: 'models/' })).rejects.toThrow(
      `model "${ID}": tensor input/kernel has shape [128,2], expected [2,128]`,
    );
  });

  it('rejects declared tensors that do not fill the weight file exactly', async () => {
    const { entry, fetch, files } = fixture();
    const json = JSON.parse(new TextDecoder().decode(files.get(`${ID}/model.json`))) as ModelJson;
    json.weightsManifest[0].weights.push({ name: 'extra/bias', shape: [4], dtype: 'float32' });
    files.set(`${ID}/model.json`, new TextEncoder().encode(JSON.stringify(json)));
    await expect(loadModel(entry(), { fetch: fetch(), baseUrl: 'models/' })).rejects.toThrow(
      `model "${ID}": unexpected tensors extra/bias`,
    );
  });

  it('rejects a missing file with its HTTP status', async () => {
    const { entry, fetch, files } = fixture();
    const e = entry();
    files.delete(`${ID}/weights.bin`);
    await expect(loadModel(e, { fetch: fetch(), baseUrl: 'models/' })).rejects.toThrow(
      `model "${ID}": ${ID}/weights.bin is missing (HTTP 404)`,
    );
  });

  it('rejects a model.json the manifest does not list', async () => {
    const { entry, fetch } = fixture();
    const e = entry();
    e.files = e.files.filter((f) => f.role !== 'model');
    await expect(loadModel(e, { fetch: fetch(), baseUrl: 'models/' })).rejects.toThrow(
      `model "${ID}": ${ID}/model.json is not listed in the manifest`,
    );
  });
});
