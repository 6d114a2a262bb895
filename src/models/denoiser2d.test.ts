import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { exactModel } from '../core/data/exact';
import { sampleDataset } from '../core/data/index';
import { normals } from '../core/rng';
import { denoiserFromVelocity } from '../core/denoisers/velocity';
import type { Denoiser } from '../core/samplers/types';
import { flowProcess } from '../core/schedules/flow';
import { mlp2dDenoiser, networkDenoiser } from './denoiser2d';
import { mlp2dForward, type Mlp2dArchitecture } from './mlp2d';
import { loadShippedModel } from './shippedModels.testkit';
import { tfOps } from './tfOps';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * The trained networks against the analytic posterior mean of the 8-Gaussian mixture (the exact
 * denoiser, an oracle we did not fit): on points of the noised marginal x = x0 + σε, the RMS gap
 * between D_net and D_exact is small next to the RMS of D_exact − x (what the denoiser has to
 * move). A wrong time label (τ instead of 1000·τ) or a wrong velocity→denoiser conversion gives
 * gaps of the order of the data scale.
 */
describe('fm-gaussians8 as a denoiser, against the exact mixture denoiser', () => {
  const n = 1000;
  const x0 = sampleDataset('gaussians8', n, 5);
  const exact = exactModel('gaussians8').model;

  /** RMS |D − D_exact| / RMS |D_exact − x| on x = x0 + σε. */
  function relativeGap(denoise: Denoiser<tf.Tensor>, sigma: number): number {
    const eps = normals(11, 0, 2 * n);
    const x = x0.map((v, i) => v + sigma * eps[i]);
    const want = exact.denoise(x, sigma);
    const got = tf.tidy(() => denoise(tf.tensor2d(Float32Array.from(x), [n, 2]), sigma).dataSync());
    let gap = 0;
    let move = 0;
    for (let i = 0; i < 2 * n; i++) {
      gap += (got[i] - want[i]) ** 2;
      move += (want[i] - x[i]) ** 2;
    }
    return Math.sqrt(gap / move);
  }

  it('is within 10% of what the exact denoiser moves, at small, unit and large σ', async () => {
    const loaded = await loadShippedModel('fm-gaussians8');
    const denoise = mlp2dDenoiser(loaded);
    for (const sigma of [0.2, 1, 5]) {
      const ratio = relativeGap(denoise, sigma);
      console.log(`fm-gaussians8 σ = ${sigma}: RMS gap / RMS move = ${ratio.toFixed(4)}`);
      expect(ratio).toBeLessThan(0.1);
    }
    // The same network fed τ instead of its time label 1000·τ is far off: the check can fail.
    const velocity = (x: tf.Tensor, t: number) =>
      mlp2dForward(
        loaded.weights,
        loaded.modelJson.architecture as unknown as Mlp2dArchitecture,
        x as tf.Tensor2D,
        t,
      );
    const wrongTime = denoiserFromVelocity(tfOps, flowProcess(), velocity);
    expect(relativeGap(wrongTime, 1)).toBeGreaterThan(0.3);
    tf.dispose(Object.values(loaded.weights));
  });

  it('refuses a velocity model without a flow schedule, naming the model', async () => {
    const loaded = await loadShippedModel('fm-gaussians8');
    const entry = { ...loaded.entry, schedule: { kind: 'linear', T: 1000 } };
    expect(() => networkDenoiser(entry, (x) => x)).toThrow(
      /model "fm-gaussians8" predicts a flow velocity but states no "flow" schedule/,
    );
    tf.dispose(Object.values(loaded.weights));
  });
});
