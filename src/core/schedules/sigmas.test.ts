import { describe, expect, it } from 'vitest';
import {
  exponentialSigmas,
  karrasSigmas,
  logSnrUniformSigmas,
  polyexponentialSigmas,
  vpSigmas,
} from './sigmas';

const close = (a: readonly number[], b: readonly number[], digits = 12) => {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => expect(v).toBeCloseTo(b[i], digits));
};

describe('karrasSigmas (Karras et al. 2022, eq. 5)', () => {
  it('has N + 1 values from σ_max to σ_min, then 0', () => {
    const s = karrasSigmas(18, 0.002, 80);
    expect(s.length).toBe(19);
    expect(s[0]).toBeCloseTo(80, 10);
    expect(s[17]).toBeCloseTo(0.002, 14);
    expect(s[18]).toBe(0);
    for (let i = 1; i < 18; i++) expect(s[i]).toBeLessThan(s[i - 1]);
  });

  it('matches the formula computed by hand for N = 3, ρ = 2 (σ ∈ [1, 9])', () => {
    // 9^(1/2) = 3, 1^(1/2) = 1: (3 + r(1 − 3))² at r = 0, ½, 1 → 9, 4, 1.
    close(karrasSigmas(3, 1, 9, 2), [9, 4, 1, 0]);
  });

  it('ρ = 1 is uniform in σ', () => {
    close(karrasSigmas(5, 1, 5, 1), [5, 4, 3, 2, 1, 0]);
  });

  it('the middle σ (ρ = 7, EDM) is ((σ_max^{1/7} + σ_min^{1/7})/2)^7', () => {
    const s = karrasSigmas(3, 0.002, 80);
    expect(s[1]).toBeCloseTo(((80 ** (1 / 7) + 0.002 ** (1 / 7)) / 2) ** 7, 12);
  });

  it('tends to the exponential grid as ρ → ∞', () => {
    const big = karrasSigmas(6, 0.1, 10, 1e6);
    close(
      big.slice(0, 6).map(Math.log),
      exponentialSigmas(6, 0.1, 10).slice(0, 6).map(Math.log),
      4,
    );
  });

  it('rejects an empty or inverted range', () => {
    expect(() => karrasSigmas(0, 0.1, 1)).toThrow();
    expect(() => karrasSigmas(4, 1, 0.1)).toThrow();
  });
});

describe('exponential, polyexponential and log-SNR grids', () => {
  it('exponential has a constant ratio: 100, 10, 1, 0.1, then 0', () => {
    close(exponentialSigmas(4, 0.1, 100), [100, 10, 1, 0.1, 0]);
  });

  it('polyexponential with ρ = 1 is the exponential grid', () => {
    close(polyexponentialSigmas(7, 0.03, 14.6), exponentialSigmas(7, 0.03, 14.6));
  });

  it('polyexponential with ρ = 2 puts log σ at σ_min·(σ_max/σ_min)^{r²}', () => {
    // r = 1, ½, 0 on [1, 16]: 16, 16^{1/4} = 2, 1.
    close(polyexponentialSigmas(3, 1, 16, 2), [16, 2, 1, 0]);
  });

  it('uniform in log-SNR λ = −log σ equals the exponential grid', () => {
    close(logSnrUniformSigmas(9, 0.0292, 14.6), exponentialSigmas(9, 0.0292, 14.6));
  });
});

describe('vpSigmas (k-diffusion get_sigmas_vp)', () => {
  it('runs from σ_VP(1) to σ_VP(ε_s) at uniform t', () => {
    const s = vpSigmas(3);
    const sigma = (t: number) => Math.sqrt(Math.exp((19.9 * t * t) / 2 + 0.1 * t) - 1);
    close(s, [sigma(1), sigma((1 + 1e-3) / 2), sigma(1e-3), 0], 10);
    expect(s[0]).toBeCloseTo(152.3, 0);
  });
});
