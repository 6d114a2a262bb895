import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { alphasCumprod, makeBetas } from '../core/schedules/betas';
import { type UNetTopology, unetForward } from './unet';
import { MODELS_DIR, maxAbsDiff, readShippedModel, readTestImages } from './shippedModelFixture';

/** Float32 tfjs vs the float64 PyTorch reference on the same float16-rounded weights. */
const MAX_ABS_ERROR = 1e-4;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// The fashion UNet is not shipped until its samples pass the quality bar (see training/README.md).
describe.each([
  ['fashion', 28],
  ['digits', 16],
])('%s UNet', (dataset, size) => {
  if (!existsSync(`${MODELS_DIR}${dataset}/model.json`)) {
    it.skip(`public/models/${dataset} is not shipped yet`, () => {});
    return;
  }

  it('declares its diffusion process and ships at most 1 MB of weights', () => {
    const { json, weightBytes } = readShippedModel(dataset);
    expect(weightBytes).toBeLessThanOrEqual(1_000_000);
    expect(json.diffusion).toMatchObject({
      parameterisation: 'eps',
      schedule: { kind: 'linear', T: 1000, beta_start: 1e-4, beta_end: 0.02 },
      classes: 10,
      nullClass: 10,
      inputShape: [size, size, 1],
      dataRange: [-1, 1],
    });
  });

  it('matches the PyTorch output on the test vector', () => {
    const { json, weights } = readShippedModel(dataset);
    const tv = json.testVector;
    const out = unetForward(
      weights,
      json.modelTopology as unknown as UNetTopology,
      tf.tensor4d(tv.x, tv.shape),
      tf.tensor1d(tv.t, 'float32'),
      tf.tensor1d(tv.labels, 'int32'),
    );
    expect(out.shape).toEqual(tv.shape);
    expect(maxAbsDiff(out.dataSync(), tv.expected)).toBeLessThan(MAX_ABS_ERROR);
  });

  it('predicts the noise added to held-out images far better than a blind guess', () => {
    // At t = 200 the ε-MSE of any predictor that ignores x_t is >= Var(ε) = 1.
    const { json, weights } = readShippedModel(dataset);
    const all = readTestImages(dataset);
    // One image per class (the set holds 4 per class, grouped by class), to keep the CPU test short.
    const pick = all.labels.map((_, i) => i).filter((i) => i % 4 === 0);
    const x = tf.gather(all.x, pick) as tf.Tensor4D;
    const labels = pick.map((i) => all.labels[i]);
    const t = 200;
    const abar = alphasCumprod(makeBetas('linear', 1000, 1e-4, 0.02))[t];
    const eps = tf.randomNormal(x.shape, 0, 1, 'float32', 7) as tf.Tensor4D;
    const xt = tf.add(tf.mul(x, Math.sqrt(abar)), tf.mul(eps, Math.sqrt(1 - abar))) as tf.Tensor4D;
    const times = tf.fill([labels.length], t);
    const mse = (y: tf.Tensor1D) =>
      tf
        .mean(
          tf.square(
            tf.sub(
              unetForward(
                weights,
                json.modelTopology as unknown as UNetTopology,
                xt,
                times as tf.Tensor1D,
                y,
              ),
              eps,
            ),
          ),
        )
        .dataSync()[0];
    expect(mse(tf.tensor1d(labels, 'int32'))).toBeLessThan(0.3);
    expect(
      mse(tf.fill([labels.length], json.diffusion.nullClass, 'int32') as tf.Tensor1D),
    ).toBeLessThan(0.3);
  }, 180_000);
});
