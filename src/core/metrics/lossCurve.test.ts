import { describe, expect, it } from 'vitest';
import { LossCurve, mean } from './lossCurve';

describe('LossCurve', () => {
  it('debiased EMA: a constant loss smooths to itself from the first step; β = 0 is the raw loss', () => {
    const c = new LossCurve(0.99);
    c.add(0, [2.5, 2.5, 2.5]);
    const s = c.series(10);
    expect(Array.from(s.smooth)).toEqual([2.5, 2.5, 2.5].map((v) => expect.closeTo(v, 6)));
    const raw = new LossCurve(0);
    raw.add(0, [3, 1, 4, 1, 5]);
    expect(Array.from(raw.series(10).smooth)).toEqual([3, 1, 4, 1, 5]);
  });

  it('the second smoothed value is the β-weighted mean of the first two, (βx₁ + x₂)/(1 + β)', () => {
    const c = new LossCurve(0.5);
    c.add(0, [1, 4]);
    // m₂ = 0.5·(0.5·1) + 0.5·4 = 2.25, debiased by 1 − 0.25: 3 = (0.5·1 + 4)/1.5.
    expect(c.latestSmoothed).toBeCloseTo(3, 6);
  });

  it('buckets consecutive steps: a loss equal to its step has bucket means on the mean steps', () => {
    const c = new LossCurve();
    const steps = Array.from({ length: 1000 }, (_, i) => i);
    c.add(0, steps.slice(0, 400));
    c.add(400, steps.slice(400));
    const s = c.series(100);
    expect(s.step).toHaveLength(100);
    expect(s.step[0]).toBe(4.5);
    expect(Array.from(s.raw)).toEqual(Array.from(s.step));
    expect(c.meanRaw(990, 2000)).toBe(994.5);
  });

  it('a reset (losses from an earlier step) truncates and smooths as a fresh run would', () => {
    const c = new LossCurve(0.9);
    c.add(0, [5, 4, 3, 2, 1]);
    c.add(2, [7, 7]);
    const fresh = new LossCurve(0.9);
    fresh.add(0, [5, 4, 7, 7]);
    expect(c.length).toBe(4);
    expect(c.latestSmoothed).toBe(fresh.latestSmoothed);
    expect(() => c.add(9, [1])).toThrow(/step 9 arrived after step 3/);
  });

  it('records where training diverged and keeps smoothing the finite losses', () => {
    const c = new LossCurve(0);
    c.add(0, [1, 2, NaN, Infinity]);
    expect(c.divergedAt).toBe(2);
    expect(c.latestSmoothed).toBe(2);
    c.clear();
    expect(c.divergedAt).toBe(-1);
    expect(Number.isNaN(c.latestSmoothed)).toBe(true);
    expect(mean([])).toBeNaN();
  });
});
