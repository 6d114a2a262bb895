import { describe, expect, it } from 'vitest';
import { edmProcess, vpProcess } from './continuous';
import { makeDiscreteVP } from './discreteVP';
import { scheduleTable } from './table';

describe('scheduleTable', () => {
  it('matches the VP SDE closed forms (Song et al. 2021, score_sde marginal_prob)', () => {
    const [betaMin, betaMax] = [0.1, 20];
    const table = scheduleTable(vpProcess({ betaMin, betaMax }), 101);
    expect(table.t[0]).toBe(1e-3);
    expect(table.t[100]).toBe(1);
    for (let i = 0; i < 101; i++) {
      const t = table.t[i];
      // log mean coeff = −¼t²(β_max − β_min) − ½tβ_min; ᾱ = mean coeff², std² = 1 − ᾱ.
      const alphaBar = Math.exp(-0.5 * t * t * (betaMax - betaMin) - t * betaMin);
      expect(table.alphaBar[i]).toBeCloseTo(alphaBar, 12);
      expect(table.marginalStd[i]).toBeCloseTo(Math.sqrt(1 - alphaBar), 12);
      expect(table.logSNR[i]).toBeCloseTo(Math.log(alphaBar / (1 - alphaBar)), 9);
      expect(table.beta[i]).toBeCloseTo(betaMin + t * (betaMax - betaMin), 12);
    }
  });

  it('gives σ = t, ᾱ = 1, g² = 2t for EDM, with log spacing', () => {
    const table = scheduleTable(edmProcess(), 50, { spacing: 'log' });
    expect(table.t[0]).toBeCloseTo(0.002, 15);
    expect(table.t[49]).toBe(80);
    const ratio = table.t[1] / table.t[0];
    for (let i = 1; i < 50; i++) expect(table.t[i] / table.t[i - 1]).toBeCloseTo(ratio, 10);
    for (let i = 0; i < 50; i++) {
      expect(table.alphaBar[i]).toBe(1);
      expect(table.sigma[i]).toBeCloseTo(table.t[i], 12);
      expect(table.logSNR[i]).toBeCloseTo(-2 * Math.log(table.t[i]), 12);
      expect(table.beta[i]).toBeCloseTo(2 * table.t[i], 12);
    }
  });

  it('reproduces the DDPM linear schedule end point ᾱ_999 ≈ 4.036e-5 at integer t', () => {
    const process = makeDiscreteVP({ kind: 'linear', numTrainTimesteps: 1000 });
    const table = scheduleTable(process, 1000);
    expect(table.t[999]).toBe(999);
    expect(table.alphaBar[999]).toBeCloseTo(4.0358e-5, 8);
    expect(table.alphaBar[0]).toBeCloseTo(1 - 1e-4, 10);
  });

  it('rejects too few points and log spacing from t = 0', () => {
    expect(() => scheduleTable(vpProcess(), 1)).toThrow(/points/);
    expect(() => scheduleTable({ ...vpProcess(), tMin: 0 }, 10, { spacing: 'log' })).toThrow(
      /tMin/,
    );
  });
});
