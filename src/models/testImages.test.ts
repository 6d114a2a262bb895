import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ModelEntry, ModelManifest } from './manifest';
import { MODELS_DIR } from './shippedModels.testkit';
import { loadTestImages, parseTestImages } from './testImages';

const manifest = JSON.parse(readFileSync(`${MODELS_DIR}manifest.json`, 'utf8')) as ModelManifest;
const digits = manifest.models.find((m) => m.id === 'digits') as ModelEntry;
const raw = JSON.parse(readFileSync(`${MODELS_DIR}digits/test-images.json`, 'utf8'));
const fileFetch = async (url: string) => {
  const bytes = readFileSync(url);
  return {
    ok: true,
    status: 200,
    arrayBuffer: async () =>
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  };
};

describe('test images', () => {
  it('the shipped digits set decodes with the stated encoding, value / 127.5 − 1, hash-checked', async () => {
    const set = await loadTestImages(digits, { fetch: fileFetch, baseUrl: MODELS_DIR });
    expect(set.count).toBe(raw.images.length);
    expect([set.height, set.width]).toEqual([16, 16]);
    expect(set.pixels[5]).toBeCloseTo(raw.images[0][5] / 127.5 - 1, 6);
    expect(Math.min(...set.pixels)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...set.pixels)).toBeLessThanOrEqual(1);
    expect([...set.labels]).toEqual(raw.labels);
  });

  it.each([
    ['a different size', { ...raw, height: 28 }, /28×16 images, the model takes 16×16×1/],
    [
      'a value out of range',
      { ...raw, images: [[...raw.images[0].slice(1), 300], ...raw.images.slice(1)] },
      /not an integer 0..255/,
    ],
    ['a label out of range', { ...raw, labels: [12, ...raw.labels.slice(1)] }, /label 0 is 12/],
    ['a missing label', { ...raw, labels: raw.labels.slice(1) }, /equally long/],
    [
      'a short image',
      { ...raw, images: [[1, 2], ...raw.images.slice(1)] },
      /image 0 does not have 256/,
    ],
  ])('refuses %s with a message', (_what, json, message) => {
    expect(() => parseTestImages(digits, json)).toThrow(message);
  });

  it('names a model that ships none', async () => {
    const bare = {
      ...digits,
      files: digits.files.filter((f) => !f.path.endsWith('test-images.json')),
    };
    await expect(loadTestImages(bare, { fetch: fileFetch, baseUrl: MODELS_DIR })).rejects.toThrow(
      /ships no test images/,
    );
  });
});
