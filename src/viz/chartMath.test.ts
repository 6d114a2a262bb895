import { describe, expect, it } from 'vitest';
import { drawableExtent, interpolateAt } from './chartMath';

describe('drawableExtent', () => {
  it('skips non-finite values, and non-positive ones on a log axis', () => {
    const a = [3, -2, NaN, Infinity, 0.5];
    expect(drawableExtent([a, [7]], false)).toEqual([-2, 7]);
    expect(drawableExtent([a, [0, -1]], true)).toEqual([0.5, 3]);
  });

  it('widens a flat range and gives null when nothing can be drawn', () => {
    expect(drawableExtent([[2, 2]], false)).toEqual([1, 3]);
    expect(drawableExtent([[2]], true)).toEqual([0.2, 20]);
    expect(drawableExtent([[NaN], [0]], true)).toBeNull();
  });
});

describe('interpolateAt', () => {
  it('is exact for a linear function and at the nodes of any function', () => {
    const xs = [0, 0.1, 0.5, 0.6, 2];
    const lin = xs.map((x) => 3 * x - 1);
    for (const x of [0.05, 0.3, 0.55, 1.7])
      expect(interpolateAt(xs, lin, x)).toBeCloseTo(3 * x - 1, 12);
    const sq = xs.map((x) => Math.exp(x));
    xs.forEach((x, i) => expect(interpolateAt(xs, sq, x)).toBe(sq[i]));
  });

  it('clamps outside the table', () => {
    expect(interpolateAt([1, 2], [10, 20], 0)).toBe(10);
    expect(interpolateAt([1, 2], [10, 20], 5)).toBe(20);
    expect(interpolateAt([], [], 1)).toBeNaN();
  });
});
