import { describe, expect, it } from 'vitest';
import { roundHalfEven } from './numpy';

describe('numpy semantics', () => {
  it('numpy rounds halves to even', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4, 2.6].map(roundHalfEven)).toEqual([
      0, 2, 2, -0, -2, 2, 3,
    ]);
  });
});
