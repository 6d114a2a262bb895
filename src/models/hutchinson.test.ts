import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleDataset } from '../core/data/index';
import { normals } from '../core/rng';
import { mlp2dDenoiser } from './denoiser2d';
import { hutchinsonDivergence, rademacher } from './hutchinson';
import { loadShippedModel, requireShippedModels } from './shippedModels.testkit';
import { tfDenoiserVjp } from './tfRestoreOps';

requireShippedModels(['mlp-gaussians8', 'mlp-moons']);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * Unbiasedness on the shipped 2D MLPs: the mean of K Rademacher estimates εᵀJε at a point is
 * within 4 standard errors of the exact divergence tr J, computed by brute force from the two
 * columns of the Jacobian (VJPs with the unit vectors).
 */
describe('Hutchinson divergence on the 2D MLPs', () => {
  it.each(['mlp-gaussians8', 'mlp-moons'])(
    '%s: the mean over 1500 probes matches tr J',
    async (id) => {
      const loaded = await loadShippedModel(id);
      const vjp = tfDenoiserVjp(mlp2dDenoiser(loaded));
      const points = sampleDataset(id.replace('mlp-', ''), 3, 2).map(
        (v, i) => v + 0.5 * normals(1, 1, 6)[i],
      );
      const K = 1500;
      for (const sigma of [0.3, 2]) {
        for (let p = 0; p < 3; p++) {
          const rows = tf.tile(tf.tensor2d([points[2 * p], points[2 * p + 1]], [1, 2]), [K, 1]);
          const probes = tf.tensor2d(rademacher(7, p, 2 * K), [K, 2]);
          const { x0, divergence } = hutchinsonDivergence(vjp, rows, sigma, probes);
          const est = Float64Array.from(divergence.dataSync());
          const unit = (c: number) => tf.tensor2d([c === 0 ? 1 : 0, c === 1 ? 1 : 0], [1, 2]);
          const exact = [0, 1].reduce((s, c) => {
            const e = unit(c);
            const one = tf.tensor2d([points[2 * p], points[2 * p + 1]], [1, 2]);
            const r = vjp(one, sigma, () => e);
            const v = r.vjp.dataSync()[c];
            tf.dispose([e, one, r.x0, r.vjp]);
            return s + v;
          }, 0);
          const mean = est.reduce((a, b) => a + b, 0) / K;
          const sd = Math.sqrt(est.reduce((a, b) => a + (b - mean) ** 2, 0) / (K - 1));
          expect(Math.abs(mean - exact)).toBeLessThan(4 * (sd / Math.sqrt(K)) + 1e-5);
          tf.dispose([rows, probes, x0, divergence]);
        }
      }
    },
  );
});
