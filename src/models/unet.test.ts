import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { alphasCumprod, makeBetas } from '../core/schedules/betas';
import { type UNetTopology, unetForward } from './unet';
import {
  maxAbsDiff,
  readShippedModel,
  readTestImages,
  requireShippedModels,
} from './shippedModels.testkit';

/** Float32 tfjs vs the float64 PyTorch reference on the same float16-rounded weights. */
const MAX_ABS_ERROR = 1e-4;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const DDPM = { kind: 'linear', T: 1000, beta_start: 1e-4, beta_end: 0.02 };
const FLOW = { kind: 'flow', T: 1000 };

requireShippedModels(['fashion', 'digits', 'digits-fm']);

describe.each([
  ['fashion', 28, 'eps', DDPM, 'fashion'],
  ['digits', 16, 'eps', DDPM, 'digits'],
  ['digits-fm', 16, 'velocity', FLOW, 'digits'],
] as const)('%s UNet', (id, size, parameterisation, schedule, testImages) => {
  it('declares its process and ships at most 1 MB of weights', () => {
    const { json, weightBytes } = readShippedModel(id);
    expect(weightBytes).toBeLessThanOrEqual(1_000_000);
    expect(json.diffusion).toMatchObject({
      parameterisation,
      schedule,
      classes: 10,
      nullClass: 10,
      inputShape: [size, size, 1],
      dataRange: [-1, 1],
    });
  });

  it('matches the PyTorch output on the test vector', () => {
    const { json, weights } = readShippedModel(id);
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

  it('predicts its target on noised held-out images far better than a blind guess', () => {
    // eps models at t = 200: any predictor that ignores x_t has ε-MSE >= Var(ε) = 1. Flow models
    // at τ = 0.3: the target ε − x0 has per-pixel variance >= Var(ε) = 1 without x_τ.
    const { json, weights } = readShippedModel(id);
    const all = readTestImages(testImages);
    // One image of every other class (the set holds 4 per class, grouped by class): tfjs's cpu
    // convolutions are slow, and five images already put the blind-guess bound many σ away.
    const pick = all.labels.map((_, i) => i).filter((i) => i % 8 === 0);
    const x = tf.gather(all.x, pick) as tf.Tensor4D;
    const labels = pick.map((i) => all.labels[i]);
    const eps = tf.randomNormal(x.shape, 0, 1, 'float32', 7) as tf.Tensor4D;
    const flow = parameterisation === 'velocity';
    const [a, b, time] = flow ? [0.7, 0.3, 300] : ddpmCoefficients(200);
    const xt = tf.add(tf.mul(x, a), tf.mul(eps, b)) as tf.Tensor4D;
    const target = flow ? tf.sub(eps, x) : eps;
    const times = tf.fill([labels.length], time) as tf.Tensor1D;
    const topology = json.modelTopology as unknown as UNetTopology;
    const mse = (y: tf.Tensor1D) =>
      tf
        .mean(tf.square(tf.sub(unetForward(weights, topology, xt, times, y), target)))
        .dataSync()[0];
    const cond = mse(tf.tensor1d(labels, 'int32'));
    const uncond = mse(tf.fill([labels.length], json.diffusion.nullClass, 'int32') as tf.Tensor1D);
    console.log(`${id}: target MSE ${cond.toFixed(3)} (class), ${uncond.toFixed(3)} (null class)`);
    expect(cond).toBeLessThan(0.3);
    expect(uncond).toBeLessThan(0.3);
  }, 180_000);
});

/** x_t = sqrt(ᾱ_t)·x0 + sqrt(1 − ᾱ_t)·ε on the DDPM linear schedule, and the timestep t. */
function ddpmCoefficients(t: number): [number, number, number] {
  const abar = alphasCumprod(makeBetas('linear', 1000, 1e-4, 0.02))[t];
  return [Math.sqrt(abar), Math.sqrt(1 - abar), t];
}
