import { describe, expect, it } from 'vitest';
import {
  absorbingProcess,
  gaussianProcess,
  transitionMatrix,
  uniformProcess,
  type CategoricalProcess,
} from './process';
import {
  cosineSchedule,
  linearSchedule,
  logLinearSchedule,
  mutualInformationSchedule,
} from './schedules';

function matmul(A: Float64Array, B: Float64Array, K: number): Float64Array {
  const C = new Float64Array(K * K);
  for (let i = 0; i < K; i++)
    for (let j = 0; j < K; j++)
      for (let k = 0; k < K; k++) C[i * K + j] += A[i * K + k] * B[k * K + j];
  return C;
}

function identity(K: number): Float64Array {
  const I = new Float64Array(K * K);
  for (let i = 0; i < K; i++) I[i * K + i] = 1;
  return I;
}

function expectStochastic(M: Float64Array, K: number) {
  for (let i = 0; i < K; i++) {
    let sum = 0;
    for (let j = 0; j < K; j++) {
      expect(M[i * K + j]).toBeGreaterThanOrEqual(0);
      sum += M[i * K + j];
    }
    expect(sum).toBeCloseTo(1, 12);
  }
}

const T = 40;
const processes: [string, CategoricalProcess][] = [
  ['uniform / cosine', uniformProcess(5, cosineSchedule(T))],
  ['uniform / linear', uniformProcess(4, linearSchedule(T))],
  ['absorbing / mutual information', absorbingProcess(5, mutualInformationSchedule(T))],
  ['absorbing / log-linear ε = 0.01', absorbingProcess(4, logLinearSchedule(T, 0.01), 0)],
  ['absorbing / cosine', absorbingProcess(6, cosineSchedule(T))],
  ['gaussian / linear', gaussianProcess(7, linearSchedule(T, 0.02, 0.5))],
  ['gaussian / cosine', gaussianProcess(17, cosineSchedule(T))],
];

describe.each(processes)('%s', (_, proc) => {
  const K = proc.K;
  it('Q̄_t equals the product Q_1⋯Q_t, and Q_{s→t} the product Q_{s+1}⋯Q_t', () => {
    let product = identity(K);
    for (let t = 1; t <= T; t++) {
      const Qt = transitionMatrix(proc, t - 1, t);
      expectStochastic(Qt, K);
      product = matmul(product, Qt, K);
      if (t % 7 === 0 || t === 1 || t === T) {
        const Qbar = transitionMatrix(proc, 0, t);
        expectStochastic(Qbar, K);
        for (let k = 0; k < K * K; k++) expect(Qbar[k]).toBeCloseTo(product[k], 12);
      }
    }
    let partial = identity(K);
    for (let t = 11; t <= 30; t++) partial = matmul(partial, transitionMatrix(proc, t - 1, t), K);
    const Q = transitionMatrix(proc, 10, 30);
    for (let k = 0; k < K * K; k++) expect(Q[k]).toBeCloseTo(partial[k], 12);
  });

  it('row, col, prob and propagate agree with the dense matrix', () => {
    const M = transitionMatrix(proc, 5, 23);
    const p = Float64Array.from({ length: K }, (_, k) => (k + 1) / ((K * (K + 1)) / 2));
    const pushed = proc.propagate(5, 23, p);
    for (let j = 0; j < K; j++) {
      const col = proc.col(5, 23, j);
      let expected = 0;
      for (let i = 0; i < K; i++) {
        expect(col[i]).toBe(M[i * K + j]);
        expect(proc.prob(5, 23, i, j)).toBe(M[i * K + j]);
        expected += p[i] * M[i * K + j];
      }
      expect(pushed[j]).toBeCloseTo(expected, 14);
    }
  });

  it('the prior is stationary for every one-step matrix', () => {
    const prior = proc.prior();
    for (const t of [1, 17, T]) {
      const pushed = proc.propagate(t - 1, t, prior);
      for (let k = 0; k < K; k++) expect(pushed[k]).toBeCloseTo(prior[k], 12);
    }
  });
});

describe('schedules', () => {
  it('ᾱ_t is the product of (1 − β_s) and the continuous ᾱ(u) matches it at integers', () => {
    for (const s of [
      mutualInformationSchedule(T),
      cosineSchedule(T),
      linearSchedule(T),
      logLinearSchedule(T, 0.001),
    ]) {
      let product = 1;
      for (let t = 1; t <= T; t++) {
        product *= 1 - s.betas[t];
        expect(s.alphaBars[t]).toBeCloseTo(product, 12);
        expect(s.alphaBar(t)).toBeCloseTo(product, 12);
        const h = 1e-6;
        const u = t - 0.5;
        expect(s.dAlphaBar(u)).toBeCloseTo((s.alphaBar(u + h) - s.alphaBar(u - h)) / (2 * h), 6);
      }
    }
  });

  it('mutual information: β_t = 1/(T − t + 1), ᾱ_t = 1 − t/T, x_T all mask', () => {
    const s = mutualInformationSchedule(10);
    for (let t = 1; t <= 10; t++) {
      expect(s.betas[t]).toBeCloseTo(1 / (10 - t + 1), 14);
      expect(s.alphaBars[t]).toBeCloseTo(1 - t / 10, 14);
    }
    expect(absorbingProcess(3, s).row(0, 10, 1)).toEqual(Float64Array.from([0, 0, 1]));
  });
});
