import { describe, expect, it } from 'vitest';
import { fitOrder } from './order';

describe('fitOrder', () => {
  it('recovers the exponent of an exact power law', () => {
    const points = [4, 8, 16, 32, 64].map((nfe) => ({ nfe, value: 3 * nfe ** -2.5 }));
    expect(fitOrder(points)!.order).toBeCloseTo(2.5, 12);
  });

  it('fits the upper half by NFE, so a pre-asymptotic start does not bias it', () => {
    // error = N⁻² for N ≥ 16, but flat (saturated) below.
    const points = [2, 4, 8, 16, 32, 64, 128].map((nfe) => ({
      nfe,
      value: nfe < 16 ? 1 / 256 : nfe ** -2,
    }));
    const fit = fitOrder(points)!;
    expect(fit.nfes).toEqual([16, 32, 64, 128]);
    expect(fit.order).toBeCloseTo(2, 12);
  });

  it('drops points at or below the floor (the reference error) and zeros', () => {
    const points = [8, 16, 32, 64, 128, 256].map((nfe) => ({
      nfe,
      value: Math.max(nfe ** -3, 1e-6),
    }));
    points.push({ nfe: 512, value: 0 });
    const fit = fitOrder(points, 1.5e-6)!;
    expect(fit.nfes).toEqual([16, 32, 64]);
    expect(fit.order).toBeCloseTo(3, 12);
  });

  it('returns null with fewer than 3 usable points', () => {
    expect(
      fitOrder([
        { nfe: 4, value: 1 },
        { nfe: 8, value: 0.5 },
      ]),
    ).toBeNull();
    expect(
      fitOrder(
        [4, 8, 16].map((nfe) => ({ nfe, value: 1e-9 })),
        1e-6,
      ),
    ).toBeNull();
  });
});
