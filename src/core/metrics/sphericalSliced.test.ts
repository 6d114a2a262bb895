import { describe, expect, it } from 'vitest';
import { sampleVmfMixture } from '../data/manifoldData';
import { uniformPoints, SPHERE } from '../manifold/manifolds';
import { circularW1, sphericalSlicedW1 } from './sphericalSliced';

describe('circularW1', () => {
  it('is the arc length between two point masses, the short way round', () => {
    expect(circularW1(Float64Array.of(0.2), Float64Array.of(1.5))).toBeCloseTo(1.3, 12);
    expect(circularW1(Float64Array.of(-3), Float64Array.of(3))).toBeCloseTo(2 * Math.PI - 6, 12);
  });

  it('moves half the mass of {0, π} to {π/2, 3π/2} a quarter turn each: π/2', () => {
    const a = Float64Array.of(0, Math.PI);
    const b = Float64Array.of(Math.PI / 2, (3 * Math.PI) / 2);
    expect(circularW1(a, b)).toBeCloseTo(Math.PI / 2, 12);
  });

  it('is 0 between a set and itself shifted by 2π, and symmetric', () => {
    const a = Float64Array.of(0.1, 2, 4, 5.5);
    const b = Float64Array.of(1, 1.1, 3);
    expect(
      circularW1(
        a,
        a.map((t) => t + 2 * Math.PI),
      ),
    ).toBeCloseTo(0, 12);
    expect(circularW1(a, b)).toBeCloseTo(circularW1(b, a), 12);
  });
});

describe('sphericalSlicedW1', () => {
  it('is near 0 between two uniform samples and large between uniform and a tight vMF', () => {
    const u1 = uniformPoints(SPHERE, 800, 1);
    const u2 = uniformPoints(SPHERE, 800, 2);
    const tight = sampleVmfMixture([{ weight: 1, mu: [0, 0, 1], kappa: 200 }], 800, 3);
    const near = sphericalSlicedW1(u1, u2, 50);
    const far = sphericalSlicedW1(u1, tight, 50);
    expect(near).toBeLessThan(0.1);
    expect(far).toBeGreaterThan(10 * near);
  });
});
