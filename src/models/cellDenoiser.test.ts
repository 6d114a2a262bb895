import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { normals } from '../core/rng';
import { cellGuidedDenoiser } from './cellDenoiser';
import { guidedUnetDenoiser } from './guidedUnetDenoiser';
import type { LoadedModel } from './loader';
import type { ModelEntry } from './manifest';
import { maxAbsDiff, readShippedModel, requireShippedModels } from './shippedModels.testkit';

requireShippedModels(['digits']);

function loaded(): LoadedModel {
  const { json, weights } = readShippedModel('digits');
  const entry = {
    id: 'digits',
    kind: 'unet',
    parameterisation: json.diffusion.parameterisation,
    schedule: json.diffusion.schedule,
  } as ModelEntry;
  return { entry, modelJson: json as unknown as LoadedModel['modelJson'], weights };
}

let model: LoadedModel;
beforeAll(async () => {
  await tf.setBackend('cpu');
  model = loaded();
});

describe('cellGuidedDenoiser (digits)', () => {
  const sigma = 1.7;
  const size = 16 * 16;
  const rows = (n: number) =>
    tf.tensor4d(
      Float32Array.from(normals(4, 0, n * size), (v) => v * sigma),
      [n, 16, 16, 1],
    );
  /** Row i of the single-class guided denoiser, the already-tested oracle. */
  const single = (x: tf.Tensor4D, i: number, cls: number, w: number) =>
    guidedUnetDenoiser(model, cls, w)(tf.slice(x, [i], [1]), sigma).dataSync();
  const row = (d: tf.Tensor, i: number) => tf.slice(d, [i], [1]).dataSync();

  it.each([2.5])('per-row classes equal the single-class denoiser row by row (w = %s)', (w) => {
    const x = rows(2);
    const labels = Int32Array.of(3, 10);
    const d = cellGuidedDenoiser(model, { a: labels }, w)(x, sigma);
    labels.forEach((cls, i) =>
      expect(maxAbsDiff(row(d, i), single(x, i, cls, w))).toBeLessThan(1e-4),
    );
  });

  it('a mix is linear in λ between the two classes’ guided predictions', () => {
    const x = tf.concat([rows(1), rows(1), rows(1)]) as tf.Tensor4D;
    const w = 2;
    const d = cellGuidedDenoiser(
      model,
      {
        a: Int32Array.of(2, 2, 2),
        mix: { b: Int32Array.of(5, 5, 5), lambda: Float32Array.of(0, 1, 0.25) },
      },
      w,
    )(x, sigma);
    const two = single(x, 0, 2, w);
    const five = single(x, 0, 5, w);
    expect(maxAbsDiff(row(d, 0), two)).toBeLessThan(1e-4);
    expect(maxAbsDiff(row(d, 1), five)).toBeLessThan(1e-4);
    expect(
      maxAbsDiff(
        row(d, 2),
        two.map((v, i) => 0.75 * v + 0.25 * five[i]),
      ),
    ).toBeLessThan(1e-4);
    expect(maxAbsDiff(two, five)).toBeGreaterThan(1e-2);
  });

  it('refuses a batch of the wrong size by name', () => {
    const d = cellGuidedDenoiser(model, { a: Int32Array.of(1, 2) }, 2);
    expect(() => d(rows(3), sigma)).toThrow(/2 rows, state batch 3/);
  });
});
