import { describe, expect, it } from 'vitest';
import { uniformAt } from '../rng';
import { sphereFmVelocity, sphereScore, torusFmVelocity, torusScore } from './exact';
import { logHeatSphere } from './heatSphere';
import { wrappedNormal } from './heatTorus';
import { SPHERE, uniformPoints } from './manifolds';
import { arcOfCos, sphereExp } from './sphere';
import { wrap } from './torus';

const data3 = uniformPoints(SPHERE, 40, 7);
const logMix = (x: Float64Array, t: number) => {
  let m = -Infinity;
  const ls: number[] = [];
  for (let i = 0; i < data3.length / 3; i++) {
    const c = x[0] * data3[3 * i] + x[1] * data3[3 * i + 1] + x[2] * data3[3 * i + 2];
    ls.push(logHeatSphere(t, c));
    m = Math.max(m, ls[i]);
  }
  return m + Math.log(ls.reduce((s, l) => s + Math.exp(l - m), 0));
};

describe('exact score on S²', () => {
  it.each([0.004, 0.05, 0.5, 3])(
    'is the gradient of log p_t (finite differences) at t = %s',
    (t) => {
      const score = sphereScore(data3);
      const xs = uniformPoints(SPHERE, 5, 99);
      const out = new Float64Array(xs.length);
      score(xs, t, out);
      for (let i = 0; i < 5; i++) {
        const x = xs.slice(3 * i, 3 * i + 3);
        expect(
          Math.abs(x[0] * out[3 * i] + x[1] * out[3 * i + 1] + x[2] * out[3 * i + 2]),
        ).toBeLessThan(1e-12);
        // Directional derivatives along the score itself and a tangent direction across it.
        const s = out.slice(3 * i, 3 * i + 3);
        const across = [
          x[1] * s[2] - x[2] * s[1],
          x[2] * s[0] - x[0] * s[2],
          x[0] * s[1] - x[1] * s[0],
        ];
        for (const dir of [s, across]) {
          const n = Math.hypot(dir[0], dir[1], dir[2]);
          const h = 1e-5;
          const at = (e: number) => {
            const y = Float64Array.from(x);
            sphereExp(y, 0, (e * dir[0]) / n, (e * dir[1]) / n, (e * dir[2]) / n);
            return logMix(y, t);
          };
          const fd = (at(h) - at(-h)) / (2 * h);
          const exact = (s[0] * dir[0] + s[1] * dir[1] + s[2] * dir[2]) / n;
          // The series regime reads an interpolated table: 1e-3 relative.
          expect(Math.abs(fd - exact)).toBeLessThan(1e-3 * Math.hypot(...s) + 1e-6);
        }
      }
    },
  );
});

describe('exact score on T²', () => {
  it.each([0.003, 0.2, 5])('is the gradient of log p_t (finite differences) at t = %s', (t) => {
    const data = Float64Array.from({ length: 60 }, (_, i) => wrap(6 * uniformAt(1, 2, i)));
    const logMixT = (a: number, b: number) => {
      let s = 0;
      for (let i = 0; i < 30; i++)
        s +=
          wrappedNormal(t, wrap(a - data[2 * i]))[0] *
          wrappedNormal(t, wrap(b - data[2 * i + 1]))[0];
      return Math.log(s);
    };
    const x = Float64Array.from([0.4, -2.9, 3.1, 1.0]);
    const out = new Float64Array(4);
    torusScore(data)(x, t, out);
    for (let i = 0; i < 2; i++) {
      const [a, b] = [x[2 * i], x[2 * i + 1]];
      const h = 1e-6;
      const da = (logMixT(a + h, b) - logMixT(a - h, b)) / (2 * h);
      const db = (logMixT(a, b + h) - logMixT(a, b - h)) / (2 * h);
      expect(out[2 * i]).toBeCloseTo(da, 3);
      expect(out[2 * i + 1]).toBeCloseTo(db, 3);
    }
  });
});

describe('Riemannian flow matching, exact velocity', () => {
  it("the geodesic path's law matches p_t(x | y): cap probabilities by Monte Carlo", () => {
    // x0 uniform, x_t = exp_{x0}(t log_{x0} y) with y the north pole; P(θ_t < a) from the density
    // sin(θ/r)/(4π r sin θ) over the cap is (1 − cos(a/r))/2.
    const t = 0.6;
    const r = 1 - t;
    const n = 20000;
    const x0 = uniformPoints(SPHERE, n, 3);
    const angles = Array.from({ length: n }, (_, i) => r * arcOfCos(x0[3 * i + 2]));
    for (const a of [0.2, 0.5, 1.0]) {
      const mc = angles.filter((th) => th < a).length / n;
      const p = (1 - Math.cos(a / r)) / 2;
      expect(Math.abs(mc - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('with one data point is log_x(y)/(1 − t) and one Euler step lands on y', () => {
    const y = Float64Array.from([0, 0, 1]);
    const x = uniformPoints(SPHERE, 1, 5);
    const t = 0.3;
    const out = new Float64Array(3);
    sphereFmVelocity(y)(x, t, out);
    const next = Float64Array.from(x);
    sphereExp(next, 0, out[0] * (1 - t), out[1] * (1 - t), out[2] * (1 - t));
    expect(next[2]).toBeCloseTo(1, 12);
    const tv = new Float64Array(2);
    torusFmVelocity(Float64Array.from([3, -3]))(Float64Array.from([-3, 3]), 0.5, tv);
    // The wrapped differences y − x: 6 − 2π and 2π − 6, over 1 − t.
    expect(tv[0]).toBeCloseTo((6 - 2 * Math.PI) / 0.5, 12);
    expect(tv[1]).toBeCloseTo((2 * Math.PI - 6) / 0.5, 12);
  });
});
