import { describe, expect, it } from 'vitest';
import { normals, noiseKey, uniformAt } from './rng';

describe('counter-based normal streams', () => {
  it('gives the same prefix whatever the length asked for', () => {
    const a = normals(7, 3, 11);
    const b = normals(7, 3, 1000);
    expect(Array.from(a)).toEqual(Array.from(b.subarray(0, 11)));
  });

  it('draws what earlier versions drew (a seed in a saved link gives the same particles)', () => {
    // Recorded from 5a99e0f, before the stream's hash prefix was computed once per stream.
    expect(Array.from(normals(1, 0, 4))).toEqual([
      0.6872943958131336, -2.0142567797486137, 0.49138543137381757, 0.8767352891729261,
    ]);
    expect(Array.from(normals(7, noiseKey(3), 3))).toEqual([
      -1.9848082681729313, -0.7341864762800272, 0.41883243182018115,
    ]);
    expect(uniformAt(123, 9, 1000)).toBe(0.6301423417171463);
    expect(uniformAt(0xffffffff, 0x80000005, 7)).toBe(0.39140292059164494);
  });

  it('has mean 0 and variance 1 within sampling error (n = 200,000)', () => {
    const n = 200_000;
    const z = normals(1, 1, n);
    let m = 0;
    let v = 0;
    for (const x of z) m += x;
    m /= n;
    for (const x of z) v += (x - m) ** 2;
    v /= n;
    expect(Math.abs(m)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(v - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
  });

  it('matches the normal CDF at ±1 and ±2 (Kolmogorov-style check)', () => {
    const n = 100_000;
    const z = normals(42, 9, n);
    const frac = (t: number) => z.filter((x) => x < t).length / n;
    expect(frac(-2)).toBeCloseTo(0.02275, 2);
    expect(frac(-1)).toBeCloseTo(0.15866, 2);
    expect(frac(1)).toBeCloseTo(0.84134, 2);
    expect(frac(2)).toBeCloseTo(0.97725, 2);
  });

  it('decorrelates streams, seeds and neighbouring elements', () => {
    const n = 50_000;
    const corr = (a: Float64Array, b: Float64Array) => {
      let s = 0;
      for (let i = 0; i < a.length; i++) s += a[i] * b[i];
      return s / a.length;
    };
    const a = normals(1, noiseKey(0), n);
    expect(Math.abs(corr(a, normals(1, noiseKey(1), n)))).toBeLessThan(0.03);
    expect(Math.abs(corr(a, normals(2, noiseKey(0), n)))).toBeLessThan(0.03);
    expect(Math.abs(corr(a.subarray(1), a.subarray(0, n - 1)))).toBeLessThan(0.03);
  });

  it('never returns 0 or 1 as a uniform', () => {
    for (let c = 0; c < 1000; c++) {
      const u = uniformAt(0, 0, c);
      expect(u).toBeGreaterThan(0);
      expect(u).toBeLessThan(1);
    }
  });
});
