import { describe, expect, it } from 'vitest';
import { nearestIndex } from './points';

describe('nearestIndex', () => {
  it('finds the closest point, the first on ties, −1 for none', () => {
    const pts = Float32Array.of(0, 0, 1, 1, -2, 0.5, 1, 1);
    expect(nearestIndex(pts, 0.9, 1.2)).toBe(1);
    expect(nearestIndex(pts, -1.5, 0)).toBe(2);
    expect(nearestIndex(pts, 0.1, -0.1)).toBe(0);
    expect(nearestIndex(new Float32Array(0), 0, 0)).toBe(-1);
  });
});
