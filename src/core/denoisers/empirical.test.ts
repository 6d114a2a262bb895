import { describe, expect, it } from 'vitest';
import { normals } from '../rng';
import { empiricalModel } from './empirical';
import { gaussianMixtureModel } from './gaussianMixture';

const data = normals(11, 5, 2 * 300).map(
  (v, i) => v * (i % 2 === 0 ? 1.5 : 0.7) + (i % 2 === 0 ? 0.4 : -0.2),
);
const queries = normals(12, 5, 2 * 40).map((v) => 2 * v);

function pointMassMixture(points: Float64Array, dim: number) {
  const n = points.length / dim;
  const zero = Array.from({ length: dim }, () => new Array<number>(dim).fill(0));
  return gaussianMixtureModel({
    weights: new Array<number>(n).fill(1 / n),
    means: Array.from({ length: n }, (_, i) => Array.from(points.subarray(i * dim, (i + 1) * dim))),
    covs: new Array(n).fill(zero),
  });
}

describe('empirical denoiser', () => {
  const model = empiricalModel(data);

  it.each([0, 1e-8, 1e-3, 1e-150])('snaps to the nearest data point as σ → 0 (σ = %s)', (sigma) => {
    const out = model.denoise(queries, sigma);
    for (let q = 0; q < queries.length / 2; q++) {
      let best = Infinity;
      let bx = NaN;
      let by = NaN;
      for (let i = 0; i < data.length / 2; i++) {
        const d2 =
          (queries[2 * q] - data[2 * i]) ** 2 + (queries[2 * q + 1] - data[2 * i + 1]) ** 2;
        if (d2 < best) [best, bx, by] = [d2, data[2 * i], data[2 * i + 1]];
      }
      expect(out[2 * q]).toBeCloseTo(bx, 12);
      expect(out[2 * q + 1]).toBeCloseTo(by, 12);
    }
  });

  it('tends to the data mean for large σ', () => {
    let mx = 0;
    let my = 0;
    for (let i = 0; i < data.length; i += 2) {
      mx += data[i];
      my += data[i + 1];
    }
    const out = model.denoise(queries, 1e5);
    for (let q = 0; q < queries.length / 2; q++) {
      expect(out[2 * q]).toBeCloseTo(mx / 300, 6);
      expect(out[2 * q + 1]).toBeCloseTo(my / 300, 6);
    }
  });

  it.each([0.05, 0.3, 2])(
    'satisfies Tweedie by finite differences of the log-density at σ = %s',
    (sigma) => {
      const h = 1e-5 * sigma;
      const d = model.denoise(queries, sigma);
      const score = model.score(queries, sigma);
      for (let i = 0; i < queries.length; i++) {
        const plus = Float64Array.from(queries);
        const minus = Float64Array.from(queries);
        plus[i] += h;
        minus[i] -= h;
        const q = i >> 1;
        const grad =
          (model.logDensity(plus, sigma)[q] - model.logDensity(minus, sigma)[q]) / (2 * h);
        expect(score[i] * sigma * sigma).toBeCloseTo(grad * sigma * sigma, 5);
        expect(d[i]).toBeCloseTo(queries[i] + sigma * sigma * grad, 5);
      }
    },
  );

  it.each([0.02, 0.4, 3])(
    'equals the mixture denoiser with zero covariances at σ = %s (2D)',
    (sigma) => {
      const mix = pointMassMixture(data, 2);
      const [a, b] = [model.denoise(queries, sigma), mix.denoise(queries, sigma)];
      const [la, lb] = [model.logDensity(queries, sigma), mix.logDensity(queries, sigma)];
      for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 10);
      for (let i = 0; i < la.length; i++) expect(la[i]).toBeCloseTo(lb[i], 9);
    },
  );

  it('equals the mixture denoiser with zero covariances in 3D (general-d path)', () => {
    const data3 = normals(3, 1, 3 * 50);
    const x3 = normals(4, 1, 3 * 10);
    const emp = empiricalModel(data3, 3);
    const mix = pointMassMixture(data3, 3);
    const [a, b] = [emp.denoise(x3, 0.5), mix.denoise(x3, 0.5)];
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 10);
    const [la, lb] = [emp.logDensity(x3, 0.5), mix.logDensity(x3, 0.5)];
    for (let i = 0; i < la.length; i++) expect(la[i]).toBeCloseTo(lb[i], 9);
  });

  it('a single point gives the Gaussian closed forms: D = x_1, log p = −|x − x_1|²/2σ² − log 2πσ²', () => {
    const one = empiricalModel(Float64Array.from([1, -2]));
    const x = Float64Array.from([0.5, 0.5]);
    expect(Array.from(one.denoise(x, 0.7))).toEqual([1, -2]);
    const r2 = 0.25 + 6.25;
    expect(one.logDensity(x, 0.7)[0]).toBeCloseTo(
      -r2 / (2 * 0.49) - Math.log(2 * Math.PI * 0.49),
      12,
    );
  });

  it('stays finite for tiny σ far from the data (no 0/0)', () => {
    const far = Float64Array.from([50, 50, -30, 10]);
    expect(model.denoise(far, 1e-6).every(Number.isFinite)).toBe(true);
    expect(model.logDensity(far, 1e-6).every(Number.isFinite)).toBe(true);
  });

  it('rejects bad inputs with clear messages', () => {
    expect(() => empiricalModel(new Float64Array(0))).toThrow(/positive multiple of dim 2/);
    expect(() => empiricalModel(new Float64Array(3))).toThrow(/positive multiple of dim 2/);
    expect(() => model.logDensity(queries, 0)).toThrow(/needs σ² > 0/);
    expect(() => model.score(queries, 0)).toThrow(/needs σ > 0/);
  });
});
