import { describe, expect, it } from 'vitest';
import { makeDiscreteVP } from '../schedules/discreteVP';
import { parseSigmaList } from '../schedules/grid';
import { dpRangeSigmas, sigmaListText, standardGrids } from './stepGrids';

describe('the lab’s step grids', () => {
  const [sMin, sMax, n] = [0.002, 80, 12];
  const g = standardGrids(n, sMin, sMax);

  it('span σ_max → σ_min exactly, strictly decreasing, intervals + 1 values', () => {
    for (const s of Object.values(g)) {
      expect(s).toHaveLength(n + 1);
      expect(s[0]).toBe(sMax);
      expect(s[n]).toBe(sMin);
      for (let i = 1; i <= n; i++) expect(s[i]).toBeLessThan(s[i - 1]);
    }
  });

  it('match their closed forms: equal steps in σ, in σ^{1/7} (Karras eq. 5) and in log σ', () => {
    for (let i = 0; i <= n; i++) {
      const r = i / n;
      expect(g.uniform[i]).toBeCloseTo(sMax + r * (sMin - sMax), 10);
      const karras = (sMax ** (1 / 7) + r * (sMin ** (1 / 7) - sMax ** (1 / 7))) ** 7;
      expect(g.karras[i] / karras).toBeCloseTo(1, 12);
      expect(Math.log(g.logsnr[i])).toBeCloseTo(Math.log(sMax) + r * Math.log(sMin / sMax), 12);
    }
  });

  it('the DP subset in a σ range is the cheapest path, by brute force over all subsets', () => {
    const schedule = makeDiscreteVP({ kind: 'linear', numTrainTimesteps: 40 });
    const sigmaOf = (tau: number) => schedule.sigma(tau - 1);
    // An arbitrary positive jump cost that is not monotone in the jump length.
    const cost = (t: number, s: number) => 1 + Math.sin(t * 1.7 + s * 0.3) ** 2 + 0.01 * (t - s);
    const [lo, hi] = [sigmaOf(6), sigmaOf(30)];
    const got = dpRangeSigmas(cost, schedule, 3, lo, hi);
    // Brute force: the ends are the timesteps 6 and 30, two interior timesteps between them.
    let best = { c: Infinity, path: [0] };
    for (let a = 29; a > 7; a--)
      for (let b = a - 1; b > 6; b--) {
        const c = cost(30, a) + cost(a, b) + cost(b, 6);
        if (c < best.c) best = { c, path: [30, a, b, 6] };
      }
    expect(got).toEqual(best.path.map(sigmaOf));
    expect(() => dpRangeSigmas(cost, schedule, 30, lo, hi)).toThrow(/too few/);
  });

  it('writes a link list that parses back strictly descending, even with σ’s 1e-9 apart', () => {
    const sigmas = [80, 3.2, 0.0020000001, 0.002];
    const parsed = parseSigmaList(sigmaListText(sigmas));
    expect('sigmas' in parsed && parsed.sigmas).toEqual(sigmas);
    expect(sigmaListText([10, 1.23456789])).toBe('10.0000,1.23457');
  });
});
