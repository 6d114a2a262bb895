import { describe, expect, it } from 'vitest';
import { frameAt, trailAlpha, trailStride } from './trails';

describe('trailStride', () => {
  it('keeps at most maxTrails particles and all of them when few', () => {
    for (const n of [1, 499, 500, 501, 20000, 12345]) {
      const k = trailStride(n, 500);
      expect(Math.ceil(n / k)).toBeLessThanOrEqual(500);
      expect(Math.ceil(n / (k - 1 || 1)) > 500 || k === 1).toBe(true);
    }
    expect(trailStride(300, 500)).toBe(1);
    expect(trailStride(0, 500)).toBe(1);
  });
});

describe('trailAlpha', () => {
  it('is strictly decreasing with age and vanishes past the oldest segment', () => {
    const count = 8;
    for (let age = 1; age < count; age++) {
      expect(trailAlpha(age, count)).toBeLessThan(trailAlpha(age - 1, count));
    }
    expect(trailAlpha(0, count)).toBeCloseTo(0.6, 12);
    expect(trailAlpha(count - 1, count)).toBeGreaterThan(0);
    expect(trailAlpha(count, count)).toBe(0);
  });
});

describe('frameAt', () => {
  it('returns the trails oldest first, then the current frame', () => {
    const [a, b, c] = [new Float32Array([1]), new Float32Array([2]), new Float32Array([3])];
    expect([0, 1, 2].map((j) => frameAt([a, b], c, j)[0])).toEqual([1, 2, 3]);
  });
});
