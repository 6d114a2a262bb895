import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { requireShippedModels } from '../../../models/shippedModels.testkit';
import type { ImageGuide } from '../../protocol';
import { fileFetch, runImageJobCollecting } from './imageJob.testkit';

requireShippedModels(['digits', 'digits-classifier', 'digits-noisy-classifier']);

const COUNT = 20;

/** Share of COUNT samples (class i mod 10) that the noise-free digits-classifier puts in their class. */
async function agreement(guide: ImageGuide, guidance: number): Promise<number> {
  const { frames } = await runImageJobCollecting({
    kind: 'image-grid',
    model: 'digits',
    sampler: 'ddim',
    samplerParams: {},
    steps: 10,
    spacing: 'trailing',
    shift: 1,
    seed: 1,
    guide,
    guidance,
    clipX0: true,
    classChoice: 'all',
    count: COUNT,
    quality: true,
  });
  const quality = frames.at(-1)?.frame;
  if (quality?.kind !== 'quality' || quality.agreeing === null) throw new Error('no quality frame');
  return quality.agreeing / COUNT;
}

// On tfjs-wasm (what the app runs): the two 20-image runs take seconds there, minutes on cpu.
beforeAll(async () => {
  const dist = dirname(
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json'),
  );
  setWasmPaths(`${dist}/dist/`);
  await tf.setBackend('wasm');
  vi.stubGlobal('fetch', fileFetch);
});

describe('classifier guidance in the image grid (digits, tfjs-wasm)', () => {
  it('raises the class agreement of an independent classifier above the unguided samples', async () => {
    // The first run loads the models (cached per worker); the second must release all it made.
    const unguided = await agreement('classifier', 0);
    const before = tf.memory().numTensors;
    const guided = await agreement('classifier', 4);
    expect(tf.memory().numTensors).toBe(before);
    // w = 0 is the unconditional model: about one sample in ten lands in its cell's class.
    expect(unguided).toBeLessThan(0.35);
    expect(guided).toBeGreaterThanOrEqual(unguided + 0.4);
  }, 120_000);
});
