import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, chiSquareTest, gammaQ, logGamma } from './stats';

describe('chi-square survival', () => {
  it('matches closed forms and tabulated critical values', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    // dof 2: P(χ² ≥ x) = exp(−x/2); Q(1, x) = exp(−x)
    for (const x of [0.1, 1, 3, 10, 40]) {
      expect(chiSquareSurvival(x, 2)).toBeCloseTo(Math.exp(-x / 2), 12);
      expect(gammaQ(1, x)).toBeCloseTo(Math.exp(-x), 12);
    }
    // 5% critical values (Abramowitz & Stegun, Table 26.8)
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquareSurvival(11.070497693516351, 5)).toBeCloseTo(0.05, 10);
    expect(chiSquareSurvival(18.307038053275146, 10)).toBeCloseTo(0.05, 10);
    expect(chiSquareSurvival(124.3421134, 100)).toBeCloseTo(0.05, 6);
  });

  it('tests counts against probabilities', () => {
    expect(chiSquareTest([25, 25, 50], [1, 1, 2]).pValue).toBeCloseTo(1, 12);
    const r = chiSquareTest([30, 20, 50], [0.25, 0.25, 0.5]);
    expect(r.statistic).toBeCloseTo(2, 12);
    expect(r.dof).toBe(2);
    expect(r.pValue).toBeCloseTo(Math.exp(-1), 12);
    expect(chiSquareTest([1, 2, 3], [0.5, 0.5, 0]).pValue).toBe(0);
  });
});
