import { describe, expect, it } from 'vitest';
import { normals } from '../rng';
import {
  energyDistance,
  gridKL,
  jensenShannon,
  klDivergence,
  mmd2,
  slicedWasserstein1,
  wasserstein1D,
} from './index';

/** n points of N(μ, s²I) in `dim` dimensions. */
function gaussian(n: number, mu: number[], s: number, seed: number): Float64Array {
  const dim = mu.length;
  return normals(seed, 77, n * dim).map((z, i) => mu[i % dim] + s * z);
}

describe('Wasserstein-1', () => {
  it('1D: N(0,1) vs N(m,1) samples give |m| (same noise, so the order statistics shift by m exactly)', () => {
    const z = normals(1, 2, 5000);
    for (const m of [-1.5, 0.3, 2])
      expect(
        wasserstein1D(
          z,
          z.map((v) => v + m),
        ),
      ).toBeCloseTo(Math.abs(m), 12);
  });

  it('1D: independent samples of N(0,1) and N(0.7,1) give ≈ 0.7', () => {
    expect(
      wasserstein1D(
        normals(1, 3, 20_000),
        normals(2, 3, 20_000).map((v) => v + 0.7),
      ),
    ).toBeCloseTo(0.7, 1);
  });

  it('1D: point masses and unequal sizes by hand', () => {
    expect(wasserstein1D(Float64Array.of(0), Float64Array.of(3))).toBe(3);
    // {0, 1} vs {0}: half the mass moves 1.
    expect(wasserstein1D(Float64Array.of(0, 1), Float64Array.of(0))).toBeCloseTo(0.5, 15);
    // U{0,1,2} vs U{0,2}: ∫|F_a − F_b| = 1/6 on [0,1) + 1/6 on [1,2).
    expect(wasserstein1D(Float64Array.of(2, 0, 1), Float64Array.of(0, 2))).toBeCloseTo(1 / 3, 15);
  });

  it('sliced, 2D: a shift by v gives E|⟨θ, v⟩| = |v|·2/π', () => {
    const a = gaussian(200, [0, 0], 1, 5);
    const v = [1.2, -0.5];
    const b = a.map((x, i) => x + v[i % 2]);
    const sw = slicedWasserstein1(a, b, { projections: 2000, seed: 3 });
    expect(sw).toBeCloseTo((Math.hypot(v[0], v[1]) * 2) / Math.PI, 1);
    expect(Math.abs(sw - (Math.hypot(v[0], v[1]) * 2) / Math.PI)).toBeLessThan(0.03);
  });

  it('sliced: seeded (same seed, same value), 0 for identical samples', () => {
    const a = gaussian(500, [0, 0], 1, 1);
    const b = gaussian(500, [1, 0], 1, 2);
    expect(slicedWasserstein1(a, b, { projections: 50, seed: 9 })).toBe(
      slicedWasserstein1(a, b, { projections: 50, seed: 9 }),
    );
    expect(slicedWasserstein1(a, a, { projections: 50, seed: 9 })).toBe(0);
  });

  it('sliced, 3D: a shift by v gives |v|·E|θ₁| = |v|/2 on the sphere S²', () => {
    const a = gaussian(200, [0, 0, 0], 1, 6);
    const b = a.map((x, i) => x + (i % 3 === 2 ? 2 : 0));
    expect(slicedWasserstein1(a, b, { projections: 3000, seed: 4, dim: 3 })).toBeCloseTo(1, 1);
  });

  it('rejects bad options', () => {
    const a = gaussian(10, [0, 0], 1, 1);
    expect(() => slicedWasserstein1(a, a, { projections: 0, seed: 1 })).toThrow(/projections/);
    expect(() => slicedWasserstein1(a.subarray(0, 3), a, { projections: 1, seed: 1 })).toThrow(
      /multiple of dim 2/,
    );
  });
});

describe('energy distance', () => {
  it('point masses: 2|a − b|', () => {
    expect(energyDistance(Float64Array.of(0, 0), Float64Array.of(3, 4))).toBeCloseTo(10, 14);
  });

  it('{(0,0), (2,0)} vs {(1,0)} by hand: 2·1 − (0 + 2 + 2 + 0)/4 − 0 = 1', () => {
    expect(energyDistance(Float64Array.of(0, 0, 2, 0), Float64Array.of(1, 0))).toBeCloseTo(1, 14);
  });

  it('is 0 for identical samples and positive otherwise', () => {
    const a = gaussian(300, [0, 0], 1, 1);
    expect(energyDistance(a, a)).toBeCloseTo(0, 12);
    expect(energyDistance(a, gaussian(300, [0.5, 0], 1, 2))).toBeGreaterThan(0.05);
  });

  it('1D: N(0,1) vs N(1,1) ≈ the closed form 2E|X − Y| − 2E|X − X′| ≈ 0.5418', () => {
    // X − Y ~ N(−1, 2): E|X − Y| = 2e^{−1/4}/√π + erf(1/2); X − X′ ~ N(0, 2): E|X − X′| = 2/√π.
    const exact =
      2 * ((2 * Math.exp(-0.25)) / Math.sqrt(Math.PI) + erf(0.5)) - 4 / Math.sqrt(Math.PI);
    expect(exact).toBeCloseTo(0.5418, 4);
    const ed = energyDistance(gaussian(2000, [0], 1, 1), gaussian(2000, [1], 1, 2), 1);
    expect(Math.abs(ed - exact)).toBeLessThan(0.03);
  });
});

/** Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7). */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

describe('MMD with a Gaussian kernel', () => {
  /** Closed form for N(μ1, s1²I) vs N(μ2, s2²I) in d dims with bandwidth h. */
  function mmdGaussians(d: number, mu: number, s1: number, s2: number, h: number) {
    const e = (tau2: number, shift2: number) =>
      ((h * h) / (h * h + tau2)) ** (d / 2) * Math.exp(-shift2 / (2 * (h * h + tau2)));
    return e(2 * s1 * s1, 0) + e(2 * s2 * s2, 0) - 2 * e(s1 * s1 + s2 * s2, mu * mu);
  }

  it('single points by hand: biased MMD² = 2 − 2exp(−|a − b|²/2h²)', () => {
    const v = mmd2(Float64Array.of(0, 0), Float64Array.of(1, 1), {
      bandwidth: 0.5,
      estimator: 'biased',
    });
    expect(v).toBeCloseTo(2 - 2 * Math.exp(-2 / 0.5), 14);
  });

  it('identical samples: biased MMD² is exactly 0, unbiased ≈ 0', () => {
    const a = gaussian(400, [0, 0], 1, 3);
    expect(mmd2(a, a, { bandwidth: 1, estimator: 'biased' })).toBeCloseTo(0, 14);
    expect(Math.abs(mmd2(a, a, { bandwidth: 1, estimator: 'unbiased' }))).toBeLessThan(0.01);
  });

  it.each([
    [0.8, 1, 1, 1],
    [1.5, 1, 0.5, 0.7],
    [0, 1, 2, 1],
  ])(
    'unbiased estimate ≈ the closed form for Gaussians (shift %s, stds %s/%s, h = %s)',
    (mu, s1, s2, h) => {
      const a = gaussian(1500, [0, 0], s1, 11);
      const b = gaussian(1500, [mu, 0], s2, 12);
      const expected = mmdGaussians(2, mu, s1, s2, h);
      expect(Math.abs(mmd2(a, b, { bandwidth: h, estimator: 'unbiased' }) - expected)).toBeLessThan(
        0.015,
      );
    },
  );

  it('biased − unbiased is the O(1/n) self-pair term', () => {
    const a = gaussian(200, [0, 0], 1, 1);
    const b = gaussian(300, [1, 0], 1, 2);
    const opts = { bandwidth: 1 } as const;
    const biased = mmd2(a, b, { ...opts, estimator: 'biased' });
    const unbiased = mmd2(a, b, { ...opts, estimator: 'unbiased' });
    // Σ_{i≠j}/(m(m−1)) vs Σ_all/m² with k(x,x) = 1: they differ by (1 − Kaa)/m + (1 − Kbb)/n.
    expect(biased).toBeGreaterThan(unbiased);
    expect(biased - unbiased).toBeLessThan(1 / 200 + 1 / 300);
  });

  it('rejects a non-positive bandwidth', () => {
    const a = gaussian(10, [0, 0], 1, 1);
    expect(() => mmd2(a, a, { bandwidth: 0, estimator: 'biased' })).toThrow(
      /bandwidth must be > 0/,
    );
  });
});

describe('histogram divergences', () => {
  it('KL of two known histograms: KL([½,½] ‖ [¼,¾]) = ½ log(4/3)', () => {
    expect(klDivergence(Float64Array.of(1, 1), Float64Array.of(1, 3))).toBeCloseTo(
      0.5 * Math.log(4 / 3),
      14,
    );
    expect(klDivergence(Float64Array.of(2, 3, 5), Float64Array.of(2, 3, 5))).toBe(0);
  });

  it('KL is Infinity where q has an empty bin under p mass, finite with smoothing', () => {
    expect(klDivergence(Float64Array.of(1, 1), Float64Array.of(1, 0))).toBe(Infinity);
    expect(Number.isFinite(klDivergence(Float64Array.of(1, 1), Float64Array.of(1, 0), 0.5))).toBe(
      true,
    );
  });

  it('Jensen–Shannon is log 2 for disjoint histograms and 0 for equal ones', () => {
    expect(jensenShannon(Float64Array.of(1, 0), Float64Array.of(0, 1))).toBeCloseTo(
      Math.log(2),
      14,
    );
    expect(jensenShannon(Float64Array.of(1, 2), Float64Array.of(2, 4))).toBeCloseTo(0, 14);
  });

  it('grid KL between N(0, I) and N((1, 0), I) samples ≈ |m|²/2 = 0.5', () => {
    const grid = { xMin: -5, xMax: 6, yMin: -5, yMax: 5, bins: 40 };
    const kl = gridKL(gaussian(200_000, [0, 0], 1, 1), gaussian(200_000, [1, 0], 1, 2), grid);
    expect(Math.abs(kl - 0.5)).toBeLessThan(0.03);
  });
});
