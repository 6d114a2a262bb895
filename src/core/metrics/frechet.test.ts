import { describe, expect, it } from 'vitest';
import { normals } from '../rng';
import { frechetDistance, moments, type Moments } from './frechet';

const gaussian = (mean: number[], cov: number[][]): Moments => ({
  dim: mean.length,
  mean: Float64Array.from(mean),
  cov: Float64Array.from(cov.flat()),
});

describe('moments', () => {
  it('matches the hand-computed mean and n − 1 covariance of three points', () => {
    // Points (1, 2), (3, 6), (5, 7): mean (3, 5); deviations (−2, −3), (0, 1), (2, 2).
    const m = moments([1, 2, 3, 6, 5, 7], 3, 2);
    expect([...m.mean]).toEqual([3, 5]);
    expect([...m.cov]).toEqual([4, 5, 5, 7]);
  });
});

describe('frechetDistance', () => {
  it('is 0 between identical Gaussians', () => {
    const g = gaussian(
      [1, -2, 0.5],
      [
        [2, 0.3, 0.1],
        [0.3, 1, -0.2],
        [0.1, -0.2, 0.5],
      ],
    );
    expect(frechetDistance(g, g)).toBeCloseTo(0, 10);
  });

  it('in one dimension is (μ₁ − μ₂)² + (s₁ − s₂)²', () => {
    expect(frechetDistance(gaussian([1], [[4]]), gaussian([-0.5], [[0.25]]))).toBeCloseTo(
      1.5 ** 2 + 1.5 ** 2,
      12,
    );
  });

  it('between diagonal covariances is ‖Δμ‖² + Σ(√a_i − √b_i)²', () => {
    const a = [3, 0.2, 1, 9];
    const b = [1, 0.8, 4, 0.01];
    const fd = frechetDistance(
      gaussian(
        [0, 1, 0, 0],
        a.map((v, i) => a.map((_, j) => (i === j ? v : 0))),
      ),
      gaussian(
        [0, 0, 2, 0],
        b.map((v, i) => b.map((_, j) => (i === j ? v : 0))),
      ),
    );
    const expected = 1 + 4 + a.reduce((s, v, i) => s + (Math.sqrt(v) - Math.sqrt(b[i])) ** 2, 0);
    expect(fd).toBeCloseTo(expected, 10);
  });

  it('for non-commuting 2×2 covariances uses tr √(Σ₁Σ₂) = √(tr Σ₁Σ₂ + 2√(det Σ₁ det Σ₂))', () => {
    const s1 = [
      [2, 0.9],
      [0.9, 1],
    ];
    const s2 = [
      [0.5, -0.3],
      [-0.3, 3],
    ];
    const trProduct =
      s1[0][0] * s2[0][0] + s1[0][1] * s2[1][0] + s1[1][0] * s2[0][1] + s1[1][1] * s2[1][1];
    const det = (m: number[][]) => m[0][0] * m[1][1] - m[0][1] * m[1][0];
    const trRoot = Math.sqrt(trProduct + 2 * Math.sqrt(det(s1) * det(s2)));
    const expected = 0.7 ** 2 + 3 + 3.5 - 2 * trRoot;
    expect(frechetDistance(gaussian([0.7, 0], s1), gaussian([0, 0], s2))).toBeCloseTo(expected, 12);
  });

  it('between sample moments of two draws of one Gaussian shrinks as the samples grow', () => {
    const d = 4;
    const fdAt = (n: number) => {
      const a = normals(1, 1, n * d);
      const b = normals(2, 1, n * d);
      return frechetDistance(moments(a, n, d), moments(b, n, d));
    };
    const small = fdAt(100);
    const large = fdAt(10_000);
    // The estimator's bias is O(d²/n): 100× more points, about 100× smaller.
    expect(large).toBeLessThan(small / 20);
    expect(large).toBeLessThan(0.01);
  });
});
