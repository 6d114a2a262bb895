import { describe, expect, it } from 'vitest';
import { alphasCumprod, makeBetas, rescaleZeroTerminalSnr } from './betas';

/** Terminal values published in Lin et al. 2024, Table 1 (1000 training steps). */
const LIN_TABLE_1 = [
  { kind: 'scaled_linear', start: 0.00085, end: 0.012, sqrtAlphaBarT: 0.068265, snrT: 0.004682 },
  { kind: 'linear', start: 0.0001, end: 0.02, sqrtAlphaBarT: 0.006353, snrT: 4.035993e-5 },
  { kind: 'squaredcos_cap_v2', start: 0, end: 0, sqrtAlphaBarT: 0.000049, snrT: 2.428e-9 },
] as const;

describe('makeBetas', () => {
  it.each(LIN_TABLE_1)('$kind reproduces Lin et al. Table 1 terminal SNR', (row) => {
    const ab = alphasCumprod(makeBetas(row.kind, 1000, row.start, row.end));
    const last = ab[999];
    expect(Math.sqrt(last)).toBeCloseTo(row.sqrtAlphaBarT, 6);
    expect(last / (1 - last) / row.snrT).toBeCloseTo(1, 3);
  });

  it('linear runs from betaStart to betaEnd in equal steps', () => {
    const b = makeBetas('linear', 5, 0.1, 0.5);
    expect(Array.from(b).map((v) => +v.toFixed(12))).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
  });

  it('scaled_linear is linear in sqrt(β)', () => {
    const b = makeBetas('scaled_linear', 4, 0.01, 0.16);
    const roots = Array.from(b).map(Math.sqrt);
    [0.1, 0.2, 0.3, 0.4].forEach((r, i) => expect(roots[i]).toBeCloseTo(r, 14));
  });

  it('squaredcos_cap_v2 gives ᾱ_t = cos²(((t/N) + s)/(1 + s)·π/2) / cos²(s/(1+s)·π/2) before the cap', () => {
    const n = 1000;
    const f = (t: number) => Math.cos(((t + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
    const ab = alphasCumprod(makeBetas('squaredcos_cap_v2', n));
    for (const i of [0, 10, 250, 500, 900]) expect(ab[i]).toBeCloseTo(f((i + 1) / n) / f(0), 12);
    expect(Math.max(...makeBetas('squaredcos_cap_v2', n))).toBe(0.999);
  });

  it('sigmoid is symmetric about the midpoint and bounded by the endpoints', () => {
    const b = makeBetas('sigmoid', 101, 0.001, 0.02);
    for (let i = 0; i < 101; i++) expect(b[i] + b[100 - i]).toBeCloseTo(0.021, 14);
    expect(b[50]).toBeCloseTo(0.0105, 14);
    expect(b[0]).toBeCloseTo(0.001 + 0.019 / (1 + Math.exp(6)), 14);
  });

  it('rejects a non-positive count', () => {
    expect(() => makeBetas('linear', 0)).toThrow();
  });
});

describe('rescaleZeroTerminalSnr (Lin et al. 2024, Algorithm 1)', () => {
  const betas = makeBetas('scaled_linear', 1000, 0.00085, 0.012);
  const oldRoot = alphasCumprod(betas).map(Math.sqrt);
  const newRoot = alphasCumprod(rescaleZeroTerminalSnr(betas)).map(Math.sqrt);

  it('keeps the first ᾱ and makes the last one zero', () => {
    expect(newRoot[0]).toBeCloseTo(oldRoot[0], 14);
    expect(newRoot[999]).toBeLessThan(1e-7);
  });

  it('maps sqrt(ᾱ) affinely: (r − r_T)·r_0/(r_0 − r_T)', () => {
    const r0 = oldRoot[0];
    const rT = oldRoot[999];
    for (const i of [1, 100, 500, 998]) {
      expect(newRoot[i]).toBeCloseTo(((oldRoot[i] - rT) * r0) / (r0 - rT), 12);
    }
  });
});
