import '@tensorflow/tfjs-backend-cpu';
import { rmSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { type ClassifierTopology, classify } from '../models/classifier';
import {
  MODELS_DIR,
  readShippedModel,
  requireShippedModels,
} from '../models/shippedModels.testkit';
import { tempModelsDir } from './tempModels';
import { runCli, runCliJson } from './cli.testkit';

requireShippedModels(['digits', 'digits-fm', 'digits-classifier', 'fashion', 'fashion-classifier']);

describe('sample --model digits (class-conditional UNet, guided)', () => {
  const dir = tempModelsDir(MODELS_DIR, ['digits']);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([7, 2])(
    'draws images of class %i, as the separately trained classifier judges them',
    async (c) => {
      const n = 8;
      const out = await runCliJson(
        'sample',
        '--model',
        'digits',
        '--models',
        dir,
        '--class',
        String(c),
        '--guidance',
        '3',
        '--sampler',
        'dpmpp-2m',
        '--steps',
        '10',
        '--n',
        String(n),
        '--seed',
        '1',
      );
      expect(out.settings).toMatchObject({
        model: 'digits',
        class: c,
        guidance: 3,
        imageShape: [16, 16, 1],
      });
      expect(out.settings.backend).toBe('wasm');
      expect(out.nfe).toBe(10);
      expect(out.samples).toHaveLength(n);
      expect(out.samples[0]).toHaveLength(256);
      const { json, weights } = readShippedModel('digits-classifier');
      const images = tf.clipByValue(tf.tensor4d(out.samples.flat(), [n, 16, 16, 1]), -1, 1);
      const predicted = Array.from(
        classify(weights, json.modelTopology as unknown as ClassifierTopology, images),
      );
      expect(predicted.filter((p) => p === c).length).toBeGreaterThanOrEqual(6);
    },
  );

  it('rejects a class the model does not have, and guidance out of range, with exit code 2', async () => {
    for (const bad of [
      ['--class', '10'],
      ['--class', 'seven'],
      ['--guidance', '-1'],
    ]) {
      const r = await runCli('sample', '--model', 'digits', '--models', dir, ...bad);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error: [^\n]+\n$/);
    }
  });
});

describe('sample --model digits-fm (class-conditional flow-matching UNet)', () => {
  const dir = tempModelsDir(MODELS_DIR, ['digits-fm']);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([3, 8])(
    'draws images of class %i with guidance 2 (Euler on the rectified flow), as the classifier judges them',
    async (c) => {
      const n = 8;
      const out = await runCliJson(
        'sample',
        '--model',
        'digits-fm',
        '--models',
        dir,
        '--class',
        String(c),
        '--guidance',
        '2',
        '--process',
        'flow',
        '--grid',
        'time-uniform',
        '--sampler',
        'euler',
        '--steps',
        '20',
        '--n',
        String(n),
        '--seed',
        '4',
      );
      expect(out.settings).toMatchObject({ model: 'digits-fm', class: c, guidance: 2 });
      const { json, weights } = readShippedModel('digits-classifier');
      const images = tf.clipByValue(tf.tensor4d(out.samples.flat(), [n, 16, 16, 1]), -1, 1);
      const predicted = Array.from(
        classify(weights, json.modelTopology as unknown as ClassifierTopology, images),
      );
      expect(predicted.filter((p) => p === c).length).toBeGreaterThanOrEqual(6);
    },
  );
});

describe('sample --model fashion (28×28 class-conditional UNet)', () => {
  const dir = tempModelsDir(MODELS_DIR, ['fashion']);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('draws sneakers by class name with guidance 2, as the fashion classifier judges them', async () => {
    const n = 6;
    const out = await runCliJson(
      'sample',
      '--model',
      'fashion',
      '--models',
      dir,
      '--class',
      'Sneaker',
      '--guidance',
      '2',
      '--sampler',
      'ddim',
      '--steps',
      '15',
      '--n',
      String(n),
      '--seed',
      '2',
    );
    expect(out.settings).toMatchObject({ class: 7, className: 'Sneaker', imageShape: [28, 28, 1] });
    const { json, weights } = readShippedModel('fashion-classifier');
    const images = tf.clipByValue(tf.tensor4d(out.samples.flat(), [n, 28, 28, 1]), -1, 1);
    const predicted = Array.from(
      classify(weights, json.modelTopology as unknown as ClassifierTopology, images),
    );
    expect(predicted.filter((p) => p === 7).length).toBeGreaterThanOrEqual(5);
  });
});
