import { describe, expect, it } from 'vitest';
import { dopri5 } from './dopri5';

describe('dopri5', () => {
  it('solves y′ = y and y′ = −u·y to the requested tolerance', () => {
    const { y } = dopri5((_, v) => Float64Array.from(v), new Float64Array([1, 2]), 0, 3, {
      rtol: 1e-10,
      atol: 1e-10,
    });
    expect(Math.abs(y[0] - Math.exp(3)) / Math.exp(3)).toBeLessThan(1e-9);
    expect(Math.abs(y[1] - 2 * Math.exp(3)) / Math.exp(3)).toBeLessThan(1e-9);
    const gauss = dopri5((u, v) => v.map((w) => -u * w), new Float64Array([1]), 0, 2, {
      rtol: 1e-9,
      atol: 1e-12,
    });
    expect(gauss.y[0]).toBeCloseTo(Math.exp(-2), 9);
  });

  it('integrates backwards and spends more evaluations for a tighter tolerance', () => {
    const field = (u: number) => new Float64Array([Math.cos(u)]);
    const loose = dopri5(field, new Float64Array([0]), 4, -1, { rtol: 1e-4, atol: 1e-4 });
    const tight = dopri5(field, new Float64Array([0]), 4, -1, { rtol: 1e-11, atol: 1e-11 });
    expect(tight.y[0]).toBeCloseTo(Math.sin(-1) - Math.sin(4), 10);
    expect(Math.abs(loose.y[0] - (Math.sin(-1) - Math.sin(4)))).toBeLessThan(1e-3);
    expect(tight.nfe).toBeGreaterThan(loose.nfe);
  });

  it('rejects non-positive tolerances', () => {
    expect(() => dopri5((_, v) => v, new Float64Array([1]), 0, 1, { rtol: 0, atol: 1e-6 })).toThrow(
      /rtol and atol/,
    );
  });
});
