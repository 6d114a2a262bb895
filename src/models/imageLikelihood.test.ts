import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { toBytes } from '../core/lab/bitsPerDim';
import { finish, heunLogDensity } from '../core/lab/heunLikelihood';
import { normals } from '../core/rng';
import { hutchinsonImageField, unetBitsPerDim } from './imageLikelihood';
import { readFileSync } from 'node:fs';
import { trainingDiffusion } from './denoiser2d';
import { loadModel, type FetchLike } from './loader';
import type { ModelManifest } from './manifest';
import { MODELS_DIR, requireShippedModels } from './shippedModels.testkit';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * The tfjs path on a 4×4 single-channel "image" of Gaussian data N(0, Σ), Σ = Q·diag(λ)·Qᵀ
 * with a random orthonormal Q (Gram–Schmidt), whose exact denoiser D(x, σ) = Σ(Σ + σ²I)⁻¹x is
 * written in tf ops so the VJP runs through it; the closed form is log N(x; 0, Σ + σ_min²I).
 */
const D = 16;
const Q = (() => {
  const a = normals(5, 0, D * D);
  const rows: Float64Array[] = [];
  for (let k = 0; k < D; k++) {
    const v = a.slice(k * D, (k + 1) * D);
    for (const r of rows) {
      const dot = r.reduce((s, x, i) => s + x * v[i], 0);
      r.forEach((x, i) => (v[i] -= dot * x));
    }
    const norm = Math.hypot(...v);
    rows.push(v.map((x) => x / norm));
  }
  return rows;
})();
const lambda = Float64Array.from({ length: D }, (_, k) => 0.3 / (1 + k));
const matrix = (sigma: number) =>
  Float32Array.from({ length: D * D }, (_, ij) => {
    const [i, j] = [Math.floor(ij / D), ij % D];
    return Q.reduce((s, q, k) => s + q[i] * (lambda[k] / (lambda[k] + sigma ** 2)) * q[j], 0);
  });
const gaussianDenoiser = (x: tf.Tensor, sigma: number) =>
  tf.tidy(() =>
    tf.reshape(tf.matMul(tf.reshape(x, [-1, D]), tf.tensor2d(matrix(sigma), [D, D])), x.shape),
  );
const closedLogp = (x: Float64Array, sigma: number) =>
  Q.reduce((s, q, k) => {
    const z = q.reduce((a, v, i) => a + v * x[i], 0);
    const v = lambda[k] + sigma ** 2;
    return s - (0.5 * z * z) / v - 0.5 * Math.log(2 * Math.PI * v);
  }, 0);

describe('hutchinsonImageField (tfjs, VJP through the denoiser) on a Gaussian 4×4 image', () => {
  it('averages its probes into an unbiased log-density: mean over 2 images × 48 probes within 4 SE', () => {
    const images = 2;
    const x = new Float64Array(images * D);
    const xi = normals(8, 0, images * D);
    for (let p = 0; p < images; p++)
      for (let i = 0; i < D; i++)
        x[p * D + i] = Q.reduce((s, q, k) => s + q[i] * Math.sqrt(lambda[k]) * xi[p * D + k], 0);
    const options = { sigmaMin: 0.01, sigmaMax: 80, steps: 120, dim: D };
    const before = tf.memory().numTensors;
    // 24 seeds of 2 probes each: the per-seed estimates are independent, so their spread gives the SE.
    const estimates = Array.from({ length: 24 }, (_, seed) => {
      const { field, dispose } = hutchinsonImageField(gaussianDenoiser, [4, 4, 1], images, 2, seed);
      const logp = finish(heunLogDensity(field, x, options));
      dispose();
      return logp;
    });
    expect(tf.memory().numTensors).toBe(before);
    for (let p = 0; p < images; p++) {
      const v = estimates.map((e) => e[p]);
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const se = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1) / v.length);
      expect(se).toBeGreaterThan(0.01);
      // 0.15: the Heun error at 120 steps (second order, ≈ 0.13 nats at worst in the core test).
      expect(Math.abs(mean - closedLogp(x.subarray(p * D, (p + 1) * D), 0.01))).toBeLessThan(
        4 * se + 0.15,
      );
    }
  });

  it('rejects a bad probe count', () => {
    expect(() => hutchinsonImageField(gaussianDenoiser, [4, 4, 1], 1, 0, 1)).toThrow(/1\.\.64/);
  });
});

requireShippedModels(['digits']);

describe('unetBitsPerDim on the shipped digits model', () => {
  it('gives finite bits per dimension for both estimates and leaves no tensor behind', async () => {
    const manifest = JSON.parse(
      readFileSync(`${MODELS_DIR}manifest.json`, 'utf8'),
    ) as ModelManifest;
    const entry = manifest.models.find((m) => m.id === 'digits')!;
    const fetch: FetchLike = async (url) => {
      const b = readFileSync(`${MODELS_DIR}${url}`);
      return {
        ok: true,
        status: 200,
        arrayBuffer: async () => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength),
      };
    };
    const loaded = await loadModel(entry, { fetch, baseUrl: '' });
    const bytes = toBytes(
      Float32Array.from({ length: 256 }, (_, i) => ((i * 37) % 256) / 127.5 - 1),
    );
    const before = tf.memory().numTensors;
    const r = finish(
      unetBitsPerDim(loaded, bytes, {
        schedule: trainingDiffusion(entry).schedule,
        dim: 256,
        steps: 3,
        seed: 1,
        elboSamples: 1,
        elboTerms: 4,
        probes: 1,
      }),
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(Number.isFinite(r.ode[0]) && Number.isFinite(r.elbo[0])).toBe(true);
    expect(r.terms.weight.reduce((a, b) => a + b, 0)).toBe(999);
    expect(r.odeNfe).toBe(6);
  });
});
