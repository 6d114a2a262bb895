import { quantile } from 'd3';
import { describe, expect, it } from 'vitest';
import { arrowLength, quantileInPlace, robustMaxNorm } from './fieldScale';

describe('quantileInPlace', () => {
  it('agrees with numpy.percentile (linear) on published small cases', () => {
    // np.percentile([1, 2, 3, 4], 95) = 3.85; np.percentile([1, 2, 3, 4], 50) = 2.5
    expect(quantileInPlace(new Float64Array([4, 1, 3, 2]), 0.95)).toBeCloseTo(3.85, 12);
    expect(quantileInPlace(new Float64Array([4, 1, 3, 2]), 0.5)).toBeCloseTo(2.5, 12);
    expect(quantileInPlace(new Float64Array([7]), 0.95)).toBe(7);
  });

  it('agrees with d3.quantile on random data', () => {
    const values = Array.from({ length: 333 }, (_, i) => (Math.sin(i * 12.9898) * 43758.5453) % 10);
    for (const q of [0, 0.1, 0.5, 0.95, 1]) {
      expect(quantileInPlace(new Float64Array(values), q)).toBeCloseTo(quantile(values, q)!, 9);
    }
  });

  it('uses only the first n values', () => {
    expect(quantileInPlace(new Float64Array([1, 2, 3, 1000]), 1, 3)).toBe(3);
  });
});

describe('robustMaxNorm', () => {
  it('ignores a few huge and non-finite vectors', () => {
    // 100 unit-norm vectors (3-4-5 triangles scaled), 3 huge ones, one NaN.
    const v = new Float32Array(2 * 104);
    for (let i = 0; i < 100; i++) [v[2 * i], v[2 * i + 1]] = [0.6, -0.8];
    for (let i = 100; i < 103; i++) [v[2 * i], v[2 * i + 1]] = [1e6, 0];
    [v[206], v[207]] = [NaN, 1];
    expect(robustMaxNorm(v)).toBeCloseTo(1, 6);
    expect(robustMaxNorm(v, 1)).toBe(1e6);
  });

  it('reuses a scratch buffer without changing the answer', () => {
    const v = new Float32Array([3, 4, 0, 1, 0, 2]);
    const scratch = new Float32Array(3);
    expect(robustMaxNorm(v, 0.5, scratch)).toBe(2);
    expect(robustMaxNorm(v, 0.5, scratch)).toBe(2);
  });
});

describe('arrowLength', () => {
  it('is proportional below the robust max and capped above it', () => {
    expect(arrowLength(0.5, 1, 0.9)).toBeCloseTo(0.45, 12);
    expect(arrowLength(50, 1, 0.9)).toBe(0.9);
    expect(arrowLength(1, 0)).toBe(0);
    expect(arrowLength(Infinity, 1)).toBe(0);
  });
});
