import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { requireShippedModels } from '../../../models/shippedModels.testkit';
import type { ImageLikelihoodJob } from '../../protocol';
import { collectingContext, fileFetch, finished } from './imageJob.testkit';
import { runImageLikelihood } from './imagesLikelihood';

requireShippedModels(['digits', 'digits-fm']);

const job = (over: Partial<ImageLikelihoodJob> = {}): ImageLikelihoodJob => ({
  kind: 'image-likelihood',
  model: 'digits',
  image: 5,
  count: 2,
  probes: 1,
  steps: 2,
  seed: 1,
  elboTerms: 3,
  elboSamples: 1,
  ...over,
});

beforeAll(async () => {
  await tf.setBackend('cpu');
  vi.stubGlobal('fetch', fileFetch);
});

describe('image-likelihood on the shipped digits model (tfjs cpu)', () => {
  it('gives the chosen image and the spread images’ means with intervals, leaving no tensor', async () => {
    const { ctx } = collectingContext();
    await runImageLikelihood(job({ count: 1, steps: 1 }), ctx); // loads the model once
    const before = tf.memory().numTensors;
    const r = finished(await runImageLikelihood(job(), ctx));
    expect(tf.memory().numTensors).toBe(before);
    expect(r.images).toEqual([0, 20]);
    expect(r.ode.n).toBe(2);
    expect(r.ode.half).toBeGreaterThan(0);
    expect(Number.isFinite(r.image.ode) && Number.isFinite(r.image.elbo)).toBe(true);
    expect(r.terms.evaluated).toBeLessThanOrEqual(3);
    expect(r.nfe).toBe(4);
  });

  it('stops when cancelled, freeing its tensors', async () => {
    const { ctx } = collectingContext();
    const before = tf.memory().numTensors;
    let polls = 0;
    const r = await runImageLikelihood(job({ count: 1, steps: 20 }), {
      ...ctx,
      isCancelled: () => ++polls > 1,
    });
    expect(r).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a flow-matching model and a bad image count by name', async () => {
    const { ctx } = collectingContext();
    await expect(runImageLikelihood(job({ model: 'digits-fm' }), ctx)).rejects.toThrow(
      /flow-matching/,
    );
    await expect(runImageLikelihood(job({ count: 41 }), ctx)).rejects.toThrow(
      /number of test images/,
    );
  });
});
