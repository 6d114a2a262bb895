import { describe, expect, it } from 'vitest';
import { latentExtent, mapLatents } from './latent';

describe('the latent job geometry', () => {
  it('lays the map out row by row from the top, at cell centres', () => {
    // 2 × 2 over ±5: centres at ±2.5; row 0 is the top (y = +2.5), columns left to right.
    expect(Array.from(mapLatents(2, 5))).toEqual([-2.5, 2.5, 2.5, 2.5, -2.5, -2.5, 2.5, -2.5]);
  });

  it('holds the data and ±3σ, in steps of 5·2^k', () => {
    expect([0, 1.6, 2, 5, 20].map(latentExtent)).toEqual([5, 5, 10, 20, 80]);
  });
});
