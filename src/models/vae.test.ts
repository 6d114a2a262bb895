import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ClassifierTopology, classify } from './classifier';
import {
  maxAbsDiff,
  readShippedModel,
  readTestImages,
  requireShippedModels,
} from './shippedModels.testkit';
import { type AutoencoderTopology, checkAutoencoderTopology, LatentAutoencoder } from './vae';

/** Float32 tfjs vs the float64 PyTorch reference on the same float16-rounded weights. */
const PARITY = 1e-5;

interface VaeJson {
  modelTopology: AutoencoderTopology;
  dataset: string;
  testVector: {
    x: number[];
    shape: [number, number, number, number];
    expectedMu: number[];
    expectedLogVar: number[];
    z: number[];
    expectedDecoded: number[];
  };
  roundTrip: { count: number; mse: number };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * Per-model bound on the round-trip MSE (pixels in [-1, 1]) over the 40 shipped test images, and a floor on
 * the bundled classifier's agreement between each image and its reconstruction on those images. The
 * whole-test-split figures (model cards): fashion-vae2 MSE 0.103, agreement 64.5%; fashion-vae16 MSE 0.057,
 * 78.9%; digits-vae2 MSE 0.067, 80.8% (359 images). The bounds leave room for a 40-image sample.
 */
const MODELS: [string, number, number][] = [
  ['fashion-vae2', 0.12, 0.45],
  ['fashion-vae16', 0.075, 0.6],
  ['digits-vae2', 0.09, 0.6],
];

describe.each(MODELS)('%s', (id, mseBound, agreementFloor) => {
  requireShippedModels([id]);
  const { json: raw, weights, weightBytes } = readShippedModel(id);
  const json = raw as unknown as VaeJson;
  const ae = new LatentAutoencoder(weights, json.modelTopology);
  const tv = json.testVector;

  it('ships at most 1 MB of weights', () => {
    expect(weightBytes).toBeLessThanOrEqual(1_000_000);
  });

  it(`encodes the test vector as PyTorch does (mu and logvar within ${PARITY})`, () => {
    const { mu, logvar } = ae.encodeWithLogVar(tf.tensor4d(tv.x, tv.shape));
    expect(mu.shape).toEqual([2, ae.latentDim]);
    expect(maxAbsDiff(mu.dataSync(), tv.expectedMu)).toBeLessThan(PARITY);
    expect(maxAbsDiff(logvar.dataSync(), tv.expectedLogVar)).toBeLessThan(PARITY);
  });

  it(`decodes the test latents as PyTorch does (pixels within ${PARITY})`, () => {
    const out = ae.decode(tf.tensor2d(tv.z, [2, ae.latentDim]));
    expect(out.shape).toEqual(tv.shape);
    expect(maxAbsDiff(out.dataSync(), tv.expectedDecoded)).toBeLessThan(PARITY);
  });

  it(`round-trips the shipped test images within MSE ${mseBound} and the classifier mostly agrees`, () => {
    const { x } = readTestImages(json.dataset);
    const recon = ae.reconstruct(x);
    const mse = tf.mean(tf.squaredDifference(recon, x)).dataSync()[0];
    expect(mse).toBeCloseTo(json.roundTrip.mse, 5);
    expect(mse).toBeLessThan(mseBound);
    const clf = readShippedModel(`${json.dataset}-classifier`);
    const topo = clf.json.modelTopology as unknown as ClassifierTopology;
    const [a, b] = [classify(clf.weights, topo, x), classify(clf.weights, topo, recon)];
    const agree = a.filter((label, i) => label === b[i]).length / a.length;
    expect(agree).toBeGreaterThanOrEqual(agreementFloor);
  });

  it('rejects a topology it cannot run', () => {
    expect(() =>
      checkAutoencoderTopology({ ...json.modelTopology, architecture: 'conv' } as never),
    ).toThrow(/mlp-vae/);
    expect(() => new LatentAutoencoder(weights, { ...json.modelTopology, latentDim: 7 })).toThrow(
      /enc_mu.weight/,
    );
  });
});
