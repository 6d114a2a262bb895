import { describe, expect, it } from 'vitest';
import { gridAgreement, logDensityRange } from './gridCompare';

describe('logDensityRange', () => {
  it('spans the top nats below the largest finite value; null when none is finite', () => {
    expect(logDensityRange([-3, NaN, -1, -Infinity], 6)).toEqual([-7, -1]);
    expect(logDensityRange([NaN], 6)).toBeNull();
  });
});

describe('gridAgreement', () => {
  it('compares only cells where the exact density has mass', () => {
    const exact = [0, -1, -20, -2];
    const model = [0.01, -1.03, -5, NaN];
    const a = gridAgreement(model, exact, 6);
    expect(a.cells).toBe(2);
    expect(a.maxAbs).toBeCloseTo(0.03, 12);
    expect(a.meanAbs).toBeCloseTo(0.02, 12);
  });
});
