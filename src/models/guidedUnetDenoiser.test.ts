import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { normals } from '../core/rng';
import { guidedUnetDenoiser, imageModelInfo } from './guidedUnetDenoiser';
import type { LoadedModel } from './loader';
import type { ModelEntry } from './manifest';
import { maxAbsDiff, readShippedModel, requireShippedModels } from './shippedModels.testkit';

/** The shipped image models (trained separately; a missing one fails the file). */
const IMAGE_MODELS = ['digits', 'fashion', 'digits-fm'];
requireShippedModels(IMAGE_MODELS);

function loaded(id: string): LoadedModel {
  const { json, weights } = readShippedModel(id);
  const entry = {
    id,
    kind: 'unet',
    parameterisation: json.diffusion.parameterisation,
    schedule: json.diffusion.schedule,
  } as ModelEntry;
  return { entry, modelJson: json as unknown as LoadedModel['modelJson'], weights };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(IMAGE_MODELS)('%s: classifier-free guidance', (id) => {
  it('D_w = D_uncond + w·(D_cond − D_uncond), the two passes batched in one call', () => {
    const model = loaded(id);
    const { inputShape } = imageModelInfo(model);
    const n = 2;
    const size = inputShape.reduce((a, b) => a * b, 1);
    const sigma = 2.5;
    const x = tf.tensor(
      Float32Array.from(normals(9, 0, n * size), (v) => v * sigma),
      [n, ...inputShape],
    );
    const at = (w: number) => guidedUnetDenoiser(model, 3, w)(x, sigma).dataSync();
    const cond = at(1);
    const uncond = at(0);
    const expected = uncond.map((u, i) => u + 4 * (cond[i] - u));
    expect(maxAbsDiff(at(4), expected)).toBeLessThan(1e-4);
    // The class changes the prediction, or the test above could not tell cond from uncond.
    expect(maxAbsDiff(cond, uncond)).toBeGreaterThan(1e-3);
  });
});
