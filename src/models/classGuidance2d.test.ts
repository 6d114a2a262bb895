import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '../core/data';
import { gaussianMixtureModel, type GaussianMixture } from '../core/denoisers/gaussianMixture';
import { mixtureClassifierGradient } from '../core/guidance/classGuidance';
import { classifierGuidedNetwork } from './classGuidance2d';
import { ddimOnFloat64 } from './ddimOnFloat64.testkit';
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
    const guided = classifierGuidedNetwork(net, mixtureClassifierGradient(mixture, k), 1);
    const { x, tensorsLeft } = ddimOnFloat64(guided, n, 5);
    expect(tensorsLeft).toBe(0);
    const r = gaussianMixtureModel(mixture).responsibilities(x, 0.01);
    let agree = 0;
    for (let p = 0; p < n; p++) if (r[p * 8 + k] > 0.5) agree++;
    expect(agree / n).toBeGreaterThan(0.9);
  });
});
