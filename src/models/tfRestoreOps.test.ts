import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { float64RestoreOps, linearOperator } from '../core/restore/linear';
import { measurementOperator } from '../core/restore/operators';
import { normals } from '../core/rng';
import { tfDenoiserVjp, tfRestoreOps } from './tfRestoreOps';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('tfRestoreOps', () => {
  it.each(['sr4', 'blur', 'mask'] as const)(
    '%s: A, Aᵀ and the spectral maps agree with float64',
    (id) => {
      const spec = measurementOperator({ id, blurSigma: 1.2, keep: 0.4 }, 8, 8);
      const cells = 3;
      const x = normals(1, 2, cells * 64);
      const f = linearOperator(spec, float64RestoreOps(cells));
      const t = linearOperator(spec, tfRestoreOps(cells));
      const xt = tf.tensor4d(Float32Array.from(x), [cells, 8, 8, 1]);
      const pairs: [Float64Array, tf.Tensor][] = [
        [f.apply(x), t.apply(xt)],
        [f.toSpectral(x), t.toSpectral(xt)],
        [f.adjoint(f.apply(x)), t.adjoint(t.apply(xt))],
        [
          f.fromSpectral(f.measToSpectral(f.apply(x))),
          t.fromSpectral(t.measToSpectral(t.apply(xt))),
        ],
      ];
      for (const [a, b] of pairs) {
        const got = b.dataSync();
        expect(got.length).toBe(a.length);
        a.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 4));
      }
      tf.dispose([xt, ...pairs.map((p) => p[1])]);
    },
  );

  it('the VJP matches central finite differences of ⟨g, D(x)⟩ (g held fixed)', () => {
    // A nonlinear denoiser with a dense Jacobian: D(x) = tanh(x·W)/(1 + σ²) per row.
    const w = tf.tensor2d(
      Float32Array.from(normals(3, 3, 16), (v) => v * 0.5),
      [4, 4],
    );
    const denoise = (x: tf.Tensor, s: number) =>
      tf.tidy(() =>
        tf.reshape(tf.div(tf.tanh(tf.matMul(tf.reshape(x, [-1, 4]), w)), 1 + s * s), x.shape),
      );
    const g = tf.tensor2d(Float32Array.from(normals(4, 4, 8)), [2, 4]);
    const x = normals(5, 5, 8);
    const input = tf.tensor2d(Float32Array.from(x), [2, 4]);
    // The cotangent depends on x̂0, so a gradient leaking through it would show.
    const cotangent = (d: tf.Tensor) => tf.add(g, tf.mul(d, 2));
    const fixed = tf.tidy(() => cotangent(denoise(input, 0.5)));
    const before = tf.memory().numTensors;
    const { x0, vjp } = tfDenoiserVjp(denoise)(input, 0.5, cotangent);
    const got = vjp.dataSync();
    tf.dispose([x0, vjp]);
    expect(tf.memory().numTensors).toBe(before);
    const f = (v: Float64Array) =>
      tf.tidy(
        () =>
          tf
            .sum(tf.mul(denoise(tf.tensor2d(Float32Array.from(v), [2, 4]), 0.5), fixed))
            .dataSync()[0],
      );
    const h = 1e-2;
    for (let i = 0; i < 8; i++) {
      const up = Float64Array.from(x);
      const down = Float64Array.from(x);
      up[i] += h;
      down[i] -= h;
      expect(got[i]).toBeCloseTo((f(up) - f(down)) / (2 * h), 2);
    }
  });
});
