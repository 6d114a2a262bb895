import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, expect, it } from 'vitest';
import { encodeNames, namesFromJson } from '../core/discrete/data/names';
import { arNllNats } from './discreteDenoiser';
import { readShippedModel, requireShippedModels } from './shippedModels.testkit';
import type { TransformerArchitecture } from './transformer';

// On tfjs-wasm: the 840 names take ~3 s there, ~16 s on the cpu backend.
beforeAll(async () => {
  const dist = dirname(
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json'),
  );
  setWasmPaths(`${dist}/dist/`);
  await tf.setBackend('wasm');
  requireShippedModels(['ar-names']);
});

it('ar-names scores the model card’s held-out 2.8463 bits per character (all 840 names)', () => {
  const { json, weights } = readShippedModel('ar-names');
  const arch = (json as unknown as { architecture: TransformerArchitecture }).architecture;
  const path = fileURLToPath(new URL('../../public/data/names.json', import.meta.url));
  const held = namesFromJson(JSON.parse(readFileSync(path, 'utf8'))).heldOut;
  const { tokens, names } = encodeNames(held, arch.length);
  expect(names).toHaveLength(840);
  const nats = arNllNats(weights, arch, tokens).reduce((a, b) => a + b, 0);
  // training/discrete_ar.py: total nats / Σ (letters + END) / ln 2.
  const chars = held.reduce((n, name) => n + name.length + 1, 0);
  expect(Math.abs(nats / chars / Math.LN2 - 2.8463)).toBeLessThan(1e-3);
  tf.dispose(Object.values(weights));
});
