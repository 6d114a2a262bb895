import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { float64Host } from '../core/host';
import { float64Ops } from '../core/ops';
import { normals } from '../core/rng';
import { Stepper } from '../core/samplers/driver';
import { requireSampler } from '../core/samplers/registry';
import { tfNoise, tfOps } from './tfOps';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('tfOps', () => {
  it('agrees with float64Ops on every operation', () => {
    const a = Float64Array.from([1, -2, 3.5, 0.25]);
    const b = Float64Array.from([0.5, 4, -1, 2]);
    const ta = tf.tensor(Float32Array.from(a));
    const tb = tf.tensor(Float32Array.from(b));
    const close = (t: tf.Tensor, ref: Float64Array) =>
      Array.from(t.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(ref[i], 5));
    close(
      tfOps.lincomb([
        [2, ta],
        [-0.5, tb],
        [0, ta],
      ]),
      float64Ops.lincomb([
        [2, a],
        [-0.5, b],
        [0, a],
      ]),
    );
    close(tfOps.mul(ta, tb), float64Ops.mul(a, b));
    close(tfOps.clip(ta, -1, 2), float64Ops.clip(a, -1, 2));
    expect(tfOps.meanSquare(ta)).toBeCloseTo(float64Ops.meanSquare(a), 5);
    expect(tfOps.errorNorm(ta, ta, tb, 0.1, 0.01)).toBeCloseTo(
      float64Ops.errorNorm(a, a, b, 0.1, 0.01),
      4,
    );
    expect(tfOps.errorNorm(ta, ta, tb, 0.1, 0.5, 'max')).toBeCloseTo(
      float64Ops.errorNorm(a, a, b, 0.1, 0.5, 'max'),
      4,
    );
  });

  it('runs a sampler to the same endpoint as float64 (lms on a Gaussian, 20 steps)', () => {
    // Data N(1, 0.5²): the exact denoiser is D(x, σ) = 1 + 0.25/(0.25+σ²)·(x − 1).
    const n = 64;
    const sigmas = Array.from({ length: 21 }, (_, i) =>
      i === 20 ? 0 : 20 * (0.01 / 20) ** (i / 19),
    );
    const x0 = Float64Array.from(normals(3, 0, n), (z) => 20 * z);
    const def = requireSampler('lms');
    const run64 = def.create(
      {
        ops: float64Ops,
        noise: (k) => normals(3, k, n),
        denoise: (x, s) =>
          float64Ops.lincomb([
            [0.25 / (0.25 + s * s), x],
            [1 - 0.25 / (0.25 + s * s), new Float64Array(n).fill(1)],
          ]),
      },
      { sigmas },
      def.defaults,
    );
    const one = tf.ones([n]);
    const runTf = def.create(
      {
        ops: tfOps,
        noise: tfNoise(3, [n]),
        denoise: (x, s) =>
          tfOps.lincomb([
            [0.25 / (0.25 + s * s), x],
            [1 - 0.25 / (0.25 + s * s), one],
          ]),
      },
      { sigmas },
      def.defaults,
    );
    // Both runs advance together through the driver; the tf one disposes what it drops.
    const s64 = new Stepper({ care: float64Host, run: run64, steps: 20, x: x0 });
    const sTf = new Stepper({
      care: { scoped: (fn) => fn(), release: (ts) => tf.dispose([...ts]) },
      run: runTf,
      steps: 20,
      x: tf.tensor(Float32Array.from(x0)),
    });
    while (s64.next()) expect(sTf.next()).toBe(true);
    expect(sTf.next()).toBe(false);
    const a = s64.finish().x;
    const got = sTf.finish().x.dataSync();
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(got[i] - a[i]));
    expect(worst).toBeLessThan(1e-4);
  });
});
