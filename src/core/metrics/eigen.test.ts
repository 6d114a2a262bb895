import { describe, expect, it } from 'vitest';
import { normals } from '../rng';
import { sqrtPsd, symmetricEigen } from './eigen';

const multiply = (a: Float64Array, b: Float64Array, n: number) => {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      for (let k = 0; k < n; k++) out[i * n + j] += a[i * n + k] * b[k * n + j];
  return out;
};

describe('symmetricEigen (cyclic Jacobi)', () => {
  it('[[2, 1], [1, 2]] has eigenvalues 1 and 3 with eigenvectors (1, ∓1)/√2', () => {
    const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
    expect(values[0]).toBeCloseTo(1, 14);
    expect(values[1]).toBeCloseTo(3, 14);
    expect(Math.abs(vectors[0])).toBeCloseTo(Math.SQRT1_2, 14);
    expect(vectors[0] * vectors[2]).toBeCloseTo(-0.5, 14);
    expect(vectors[1] * vectors[3]).toBeCloseTo(0.5, 14);
  });

  it('the n×n second-difference matrix has eigenvalues 2 − 2cos(kπ/(n+1))', () => {
    const n = 12;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = 2;
      if (i > 0) a[i * n + i - 1] = a[(i - 1) * n + i] = -1;
    }
    const { values } = symmetricEigen(a, n);
    const expected = Array.from(
      { length: n },
      (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1)),
    );
    values.forEach((v, k) => expect(v).toBeCloseTo(expected[k], 12));
  });

  it('reconstructs a random symmetric matrix as V Λ Vᵀ with orthonormal V', () => {
    const n = 30;
    const r = normals(3, 0, n * n);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) a[i * n + j] = r[i * n + j] + r[j * n + i];
    const { values, vectors } = symmetricEigen(a, n);
    const vt = new Float64Array(n * n);
    const vl = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        vt[i * n + j] = vectors[j * n + i];
        vl[i * n + j] = vectors[i * n + j] * values[j];
      }
    const back = multiply(vl, vt, n);
    const gram = multiply(vt, vectors, n);
    for (let i = 0; i < n * n; i++) {
      expect(back[i]).toBeCloseTo(a[i], 10);
      expect(gram[i]).toBeCloseTo(i % (n + 1) === 0 ? 1 : 0, 12);
    }
    for (let k = 1; k < n; k++) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
  });

  it('rejects a non-symmetric or non-finite matrix by name', () => {
    expect(() => symmetricEigen([1, 2, 3, 4], 2)).toThrow(/not symmetric/);
    expect(() => symmetricEigen([1, NaN, NaN, 1], 2)).toThrow(/NaN/);
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow(/3 values/);
  });
});

describe('sqrtPsd', () => {
  it('√[[2, 1], [1, 2]] = ½[[√3 + 1, √3 − 1], [√3 − 1, √3 + 1]]', () => {
    const r = sqrtPsd([2, 1, 1, 2], 2);
    const s3 = Math.sqrt(3);
    [(s3 + 1) / 2, (s3 - 1) / 2, (s3 - 1) / 2, (s3 + 1) / 2].forEach((v, i) =>
      expect(r[i]).toBeCloseTo(v, 14),
    );
  });

  it('squares back to a rank-deficient PSD matrix (a covariance of fewer points than dimensions)', () => {
    const n = 10;
    const z = normals(5, 1, 4 * n);
    const a = new Float64Array(n * n);
    for (let p = 0; p < 4; p++)
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) a[i * n + j] += z[p * n + i] * z[p * n + j];
    const r = sqrtPsd(a, n);
    const back = multiply(r, r, n);
    for (let i = 0; i < n * n; i++) expect(back[i]).toBeCloseTo(a[i], 9);
  });
});
