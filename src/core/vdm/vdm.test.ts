import { describe, expect, it } from 'vitest';
import { normals, uniformAt } from '../rng';
import {
  initialGammaParams,
  linearGamma,
  networkGamma,
  softplusInverse,
  type Gamma,
  type GammaParams,
} from './gamma';
import {
  alphaSquared,
  diffusionTerm,
  gaussianDiffusionLoss,
  lowDiscrepancyTimes,
  meanAndVariance,
  reconstructionTerm,
  sigmaSquared,
} from './loss';

/** Gaussian data N(μ, s²·I) in 2D: its exact ε-predictor is E[ε | z] = σ(z − αμ)/(α²s² + σ²). */
const MU = [0.5, -1];
const S2 = 0.7;

/** n iid per-example diffusion terms ½γ′(t)‖ε − ε̂*‖² with t, x, ε from fixed streams. */
function exactDiffusionTerms(g: Gamma, n: number, seed: number): Float64Array {
  const x = normals(seed, 1, 2 * n);
  const eps = normals(seed, 2, 2 * n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = uniformAt(seed, 3, i);
    const gamma = g.gamma(t);
    const [a, s] = [Math.sqrt(alphaSquared(gamma)), Math.sqrt(sigmaSquared(gamma))];
    const e = [eps[2 * i], eps[2 * i + 1]];
    const epsHat = [0, 1].map((k) => {
      const z = a * (MU[k] + Math.sqrt(S2) * x[2 * i + k]) + s * e[k];
      return (s * (z - a * MU[k])) / (a * a * S2 + s * s);
    });
    out[i] = diffusionTerm(g.dgamma(t), e, epsHat);
  }
  return out;
}

function randomParams(seed: number, width: number, scale: number): GammaParams {
  const z = normals(seed, 9, 3 * width + 4);
  return {
    gamma0: -12 + 4 * z[0],
    gap: scale * z[1],
    a: scale * z[2],
    b: scale * z[3],
    w2: z.slice(4, 4 + width).map((v) => scale * v),
    b2: z.slice(4 + width, 4 + 2 * width).map((v) => scale * v),
    w3: z.slice(4 + 2 * width, 4 + 3 * width).map((v) => scale * v),
  };
}

describe('VDM: L∞ depends on the schedule only through its endpoints (eq. 20ff)', () => {
  const [g0, g1] = [-10, 6];
  const closed = gaussianDiffusionLoss(g0, g1, S2, 2);

  it('the closed form equals the integral over log-SNR by Simpson quadrature', () => {
    // ∫ ½·d·E‖ε − ε̂*‖²(γ) dγ with E‖ε − ε̂*‖² = d·s²e^{−γ}/(s²e^{−γ} + 1) per unit γ.
    const f = (g: number) => (0.5 * 2 * S2 * Math.exp(-g)) / (S2 * Math.exp(-g) + 1);
    const m = 2000;
    const h = (g1 - g0) / m;
    let sum = f(g0) + f(g1);
    for (let i = 1; i < m; i++) sum += (i % 2 ? 4 : 2) * f(g0 + i * h);
    expect((sum * h) / 3).toBeCloseTo(closed, 8);
  });

  it('Monte Carlo under a linear and a curved monotone γ with the same endpoints agree with it', () => {
    // One steep sigmoid at t = 0.2 with a large output weight: γ climbs fast early, then slowly.
    const curved = networkGamma({
      ...initialGammaParams(1, g0, g1, 3),
      w2: Float64Array.of(softplusInverse(20)),
      b2: Float64Array.of(-4),
      w3: Float64Array.of(4),
    });
    const linear = linearGamma(g0, g1);
    expect(Math.abs(curved.gamma(0.5) - linear.gamma(0.5))).toBeGreaterThan(1);
    const n = 200_000;
    const a = meanAndVariance(exactDiffusionTerms(linear, n, 11));
    const b = meanAndVariance(exactDiffusionTerms(curved, n, 11));
    const [seA, seB] = [Math.sqrt(a.variance / n), Math.sqrt(b.variance / n)];
    console.log(
      `L∞ closed ${closed.toFixed(4)}; linear γ ${a.mean.toFixed(4)} ± ${seA.toFixed(4)} (var ${a.variance.toFixed(2)}); ` +
        `curved γ ${b.mean.toFixed(4)} ± ${seB.toFixed(4)} (var ${b.variance.toFixed(2)})`,
    );
    expect(Math.abs(a.mean - closed)).toBeLessThan(4 * seA);
    expect(Math.abs(b.mean - closed)).toBeLessThan(4 * seB);
    expect(Math.abs(a.mean - b.mean)).toBeLessThan(4 * Math.hypot(seA, seB));
  });
});

describe('VDM: the monotone schedule network', () => {
  it('is strictly increasing, hits its endpoints, and γ′ matches finite differences, for random parameters', () => {
    const grid = Array.from({ length: 2001 }, (_, i) => i / 2000);
    for (let trial = 0; trial < 40; trial++) {
      const p = randomParams(100 + trial, 1 + (trial % 16), 0.5 + (trial % 5));
      const g = networkGamma(p);
      const values = grid.map((t) => g.gamma(t));
      expect(values[0]).toBeCloseTo(g.gamma0, 9);
      expect(values[2000]).toBeCloseTo(g.gamma1, 9);
      for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]);
      for (const t of [0.1, 0.37, 0.5, 0.81]) {
        const h = 1e-5;
        const fd = (g.gamma(t + h) - g.gamma(t - h)) / (2 * h);
        expect(g.dgamma(t)).toBeGreaterThan(0);
        expect(Math.abs(g.dgamma(t) - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
      }
    }
  });

  it('refuses endpoints out of order and an empty hidden layer', () => {
    expect(() => initialGammaParams(8, 5, -5, 0)).toThrow(/γ₁ > γ₀/);
    expect(() => initialGammaParams(0, -5, 5, 0)).toThrow(/units ≥ 1/);
  });
});

describe('VDM: the bound’s other terms', () => {
  it('the reconstruction term is −E log N(x; z₀/α₀, e^{γ₀}) by Monte Carlo', () => {
    const g0 = -6;
    const [a, s] = [Math.sqrt(alphaSquared(g0)), Math.sqrt(sigmaSquared(g0))];
    const n = 100_000;
    const eps = normals(5, 1, 2 * n);
    let sum = 0;
    for (let i = 0; i < 2 * n; i++) {
      // x = 0.3; z₀ = α₀x + σ₀ε; the decoder's mean z₀/α₀ misses x by (σ₀/α₀)ε.
      const r = (a * 0.3 + s * eps[i]) / a - 0.3;
      sum += 0.5 * Math.log(2 * Math.PI * Math.exp(g0)) + (0.5 * r * r) / Math.exp(g0);
    }
    expect(sum / n).toBeCloseTo(reconstructionTerm(g0, 2), 2);
  });

  it('low-discrepancy times put one time in each of n strata', () => {
    const t = lowDiscrepancyTimes(0.731, 16);
    const strata = Array.from(t, (v) => Math.floor(v * 16)).sort((x, y) => x - y);
    expect(strata).toEqual(Array.from({ length: 16 }, (_, i) => i));
  });
});
