import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '../core/data';
import { gaussianMixtureModel, type GaussianMixture } from '../core/denoisers/gaussianMixture';
import { mixtureClassifierGradient } from '../core/guidance/classGuidance';
import { float64Host } from '../core/host';
import { normals } from '../core/rng';
import { runToEnd } from '../core/samplers/driver';
import { requireSampler } from '../core/samplers/registry';
import type { Denoiser } from '../core/samplers/types';
import { classifierGuidedNetwork } from './classGuidance2d';
import { mlp2dDenoiser } from './denoiser2d';
import { loadShippedModel, requireShippedModels } from './shippedModels.testkit';

requireShippedModels(['mlp-gaussians8']);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('classifier guidance on the gaussians8 MLP with the exact classifier', () => {
  it('puts the samples in the class (the exact classifier agrees) and frees its tensors', async () => {
    const net = mlp2dDenoiser(await loadShippedModel('mlp-gaussians8'));
    const mixture = getDataset('gaussians8').mixture as GaussianMixture;
    const k = 6;
    const n = 400;
    const sigmas = [...Array.from({ length: 40 }, (_, i) => 80 * (0.01 / 80) ** (i / 39)), 0];
    const guided = classifierGuidedNetwork(net, mixtureClassifierGradient(mixture, k), 1);
    const before = tf.memory().numTensors;
    const f64: Denoiser<Float64Array> = (x, sigma) => {
      const out = tf.tidy(() =>
        guided(tf.tensor2d(Float32Array.from(x), [x.length / 2, 2]), sigma),
      );
      const values = Float64Array.from(out.dataSync());
      out.dispose();
      return values;
    };
    const { x } = runToEnd({
      host: float64Host,
      sampler: requireSampler('ddim'),
      params: { eta: 0 },
      grid: { sigmas },
      denoise: f64,
      noise: (key) => normals(5, key, 2 * n),
      x: normals(5, 0, 2 * n).map((v) => v * sigmas[0]),
    });
    expect(tf.memory().numTensors).toBe(before);
    const r = gaussianMixtureModel(mixture).responsibilities(x, 0.01);
    let agree = 0;
    for (let p = 0; p < n; p++) if (r[p * 8 + k] > 0.5) agree++;
    expect(agree / n).toBeGreaterThan(0.9);
  });
});
