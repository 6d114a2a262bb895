import { describe, expect, it } from 'vitest';
import { resamplePoints } from './custom';

describe('resamplePoints', () => {
  const points = Float64Array.from([0, 0, 1, 0, 0, 1, 5, 5]);

  it('draws only the given points, each about equally often (χ² against uniform)', () => {
    const n = 40_000;
    const out = resamplePoints(points, n, 3);
    const counts = [0, 0, 0, 0];
    for (let j = 0; j < n; j++) {
      const i = [0, 1, 2, 3].find(
        (k) => out[2 * j] === points[2 * k] && out[2 * j + 1] === points[2 * k + 1],
      );
      expect(i).toBeDefined();
      counts[i!]++;
    }
    const chi2 = counts.reduce((s, c) => s + (c - n / 4) ** 2 / (n / 4), 0);
    // χ²(3) 99.9% quantile is 16.27.
    expect(chi2).toBeLessThan(16.27);
  });

  it('is fixed by the seed and changes with it', () => {
    expect(resamplePoints(points, 50, 7)).toEqual(resamplePoints(points, 50, 7));
    expect(resamplePoints(points, 50, 7)).not.toEqual(resamplePoints(points, 50, 8));
  });

  it('refuses an empty or odd-length set', () => {
    expect(() => resamplePoints(new Float64Array(0), 5, 0)).toThrow(/at least one/);
    expect(() => resamplePoints(Float64Array.from([1, 2, 3]), 5, 0)).toThrow(/at least one/);
  });
});
