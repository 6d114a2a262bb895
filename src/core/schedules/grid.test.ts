import { describe, expect, it } from 'vitest';
import { edmProcess, veProcess, vpProcess } from './continuous';
import { makeDiscreteVP } from './discreteVP';
import { makeSigmaGrid, makeTimestepGrid, SIGMA_GRID_KINDS } from './grid';
import { vpSigmas } from './sigmas';

describe('makeSigmaGrid', () => {
  it('EDM + karras gives the EDM grid: 80 … 0.002, 0', () => {
    const g = makeSigmaGrid(edmProcess(), 'karras', 18);
    expect(g.sigmas.length).toBe(19);
    expect(g.sigmas[0]).toBeCloseTo(80, 10);
    expect(g.sigmas[17]).toBeCloseTo(0.002, 14);
    expect(g.sigmas[18]).toBe(0);
    expect(g.process?.id).toBe('edm');
  });

  it('time-uniform on the VP SDE is k-diffusion get_sigmas_vp', () => {
    const g = makeSigmaGrid(vpProcess({ betaMin: 0.1, betaMax: 20 }), 'time-uniform', 10);
    const ref = vpSigmas(10, 19.9, 0.1, 1e-3);
    g.sigmas.forEach((s, i) => expect(s).toBeCloseTo(ref[i], 9));
  });

  it('time-uniform on VE is geometric in σ (σ(t) is exponential in t)', () => {
    const g = makeSigmaGrid(veProcess(), 'time-uniform', 5, { sigmaMin: 0.01, sigmaMax: 100 });
    [100, 10, 1, 0.1, 0.01, 0].forEach((v, i) => expect(g.sigmas[i]).toBeCloseTo(v, 10));
  });

  it('every kind is strictly descending and ends with 0', () => {
    for (const kind of SIGMA_GRID_KINDS) {
      const s = makeSigmaGrid(vpProcess(), kind, 12).sigmas;
      expect(s.length).toBe(13);
      expect(s[12]).toBe(0);
      for (let i = 1; i < s.length; i++) expect(s[i]).toBeLessThan(s[i - 1]);
    }
  });
});

describe('makeTimestepGrid', () => {
  const sd = makeDiscreteVP({ kind: 'scaled_linear', betaStart: 0.00085, betaEnd: 0.012 });

  it('trailing: σ at 999, 899, …, 99 then 0; σ_max from ᾱ_999', () => {
    const g = makeTimestepGrid(sd, 'trailing', 10);
    expect(g.timesteps).toEqual([999, 899, 799, 699, 599, 499, 399, 299, 199, 99]);
    const ab = sd.alphasCumprod[999];
    expect(g.sigmas[0]).toBeCloseTo(Math.sqrt((1 - ab) / ab), 12);
    // Lin et al. Table 1: sqrt(ᾱ_T) = 0.068265 for Stable Diffusion, so σ_max ≈ 14.61.
    expect(g.sigmas[0]).toBeCloseTo(Math.sqrt(1 - 0.068265 ** 2) / 0.068265, 2);
    expect(g.sigmas[10]).toBe(0);
    expect(g.process).toBe(sd);
  });

  it('leading with steps_offset 1 starts at 901, so σ_max falls short of σ(999)', () => {
    const g = makeTimestepGrid(sd, 'leading', 10, 1);
    expect(g.timesteps[0]).toBe(901);
    expect(g.sigmas[0]).toBeCloseTo(sd.sigmas[901], 14);
    expect(g.sigmas[0]).toBeLessThan(sd.sigmas[999]);
  });
});
