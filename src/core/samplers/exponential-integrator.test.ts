import { describe, expect, it } from 'vitest';
import {
  lambdaOf,
  logRhoIntegralWeights,
  phi,
  sigmaOfLambda,
  solveSmall,
} from './exponential-integrator';

describe('φ functions', () => {
  it('match their closed forms φ₁ = (e^z − 1)/z, φ₂ = (e^z − 1 − z)/z², φ₃ = (e^z − 1 − z − z²/2)/z³', () => {
    for (const z of [-3, -1.5, -0.9, -0.2, 0.3, 0.99, 2.5]) {
      expect(phi(0, z)).toBeCloseTo(Math.exp(z), 13);
      expect(phi(1, z)).toBeCloseTo(Math.expm1(z) / z, 13);
      expect(phi(2, z)).toBeCloseTo((Math.expm1(z) - z) / z ** 2, 12);
      expect(phi(3, z)).toBeCloseTo((Math.expm1(z) - z - z ** 2 / 2) / z ** 3, 11);
    }
  });

  it('tend to 1/k! at z → 0 without cancellation (z = 1e-9)', () => {
    // φ_k(z) = 1/k! + z/(k+1)! + O(z²)
    expect(phi(1, 1e-9)).toBeCloseTo(Math.expm1(1e-9) / 1e-9, 15);
    expect(phi(2, 1e-9)).toBeCloseTo(1 / 2 + 1e-9 / 6, 15);
    expect(phi(4, -1e-9)).toBeCloseTo(1 / 24 - 1e-9 / 120, 15);
  });

  it('are continuous across the series/recursion switch at |z| = 1', () => {
    for (const k of [1, 2, 3, 4]) {
      expect(phi(k, 1 - 1e-12)).toBeCloseTo(phi(k, 1 + 1e-12), 10);
      expect(phi(k, -1 + 1e-12)).toBeCloseTo(phi(k, -1 - 1e-12), 10);
    }
  });
});

describe('λ = −log σ', () => {
  it('round-trips and sends σ = 0 to +∞', () => {
    expect(sigmaOfLambda(lambdaOf(3.7))).toBeCloseTo(3.7, 14);
    expect(lambdaOf(0)).toBe(Infinity);
  });
});

describe('solveSmall', () => {
  it('solves a system that needs pivoting', () => {
    const v = solveSmall(
      [
        [0, 2, 1],
        [1, 1, 1],
        [2, 0, 3],
      ],
      [5, 6, 13],
    );
    expect(2 * v[1] + v[2]).toBeCloseTo(5, 12);
    expect(v[0] + v[1] + v[2]).toBeCloseTo(6, 12);
    expect(2 * v[0] + 3 * v[2]).toBeCloseTo(13, 12);
  });

  it('rejects a singular system', () => {
    expect(() =>
      solveSmall(
        [
          [1, 2],
          [2, 4],
        ],
        [1, 2],
      ),
    ).toThrow(/singular/);
  });
});

/**
 * diffusers' DEISMultistepScheduler closed forms (the antiderivatives its comments give
 * as Mathematica Integrate[...] results), written out here as the oracle.
 */
const L = Math.log;
function indFn2(t: number, b: number, c: number) {
  return (t * (-L(c) + L(t) - 1)) / (L(b) - L(c));
}
function indFn3(t: number, b: number, c: number, d: number) {
  const num = t * (L(c) * (L(d) - L(t) + 1) - L(d) * L(t) + L(d) + L(t) ** 2 - 2 * L(t) + 2);
  return num / ((L(b) - L(c)) * (L(b) - L(d)));
}

describe('log ρ DEIS weights', () => {
  it('order 1 is ρ_t − ρ_s (the DDIM step)', () => {
    expect(logRhoIntegralWeights(0.7, [1.3])[0]).toBeCloseTo(0.7 - 1.3, 14);
  });

  it("order 2 equals diffusers' second-order coefficients", () => {
    const [rt, r0, r1] = [0.42, 0.8, 1.9];
    const [c0, c1] = logRhoIntegralWeights(rt, [r0, r1]);
    expect(c0).toBeCloseTo(indFn2(rt, r0, r1) - indFn2(r0, r0, r1), 12);
    expect(c1).toBeCloseTo(indFn2(rt, r1, r0) - indFn2(r0, r1, r0), 12);
  });

  it("order 3 equals diffusers' third-order coefficients", () => {
    const [rt, r0, r1, r2] = [2.1, 3.5, 6.0, 11.0];
    const [c0, c1, c2] = logRhoIntegralWeights(rt, [r0, r1, r2]);
    expect(c0).toBeCloseTo(indFn3(rt, r0, r1, r2) - indFn3(r0, r0, r1, r2), 11);
    expect(c1).toBeCloseTo(indFn3(rt, r1, r2, r0) - indFn3(r0, r1, r2, r0), 11);
    expect(c2).toBeCloseTo(indFn3(rt, r2, r0, r1) - indFn3(r0, r2, r0, r1), 11);
  });

  it('integrates (log ρ)² exactly with three nodes and sums to ρ_t − ρ_s', () => {
    const rhos = [1.1, 1.7, 2.9];
    const rt = 0.6;
    const w = logRhoIntegralWeights(rt, rhos);
    expect(w[0] + w[1] + w[2]).toBeCloseTo(rt - rhos[0], 13);
    // ∫ (log ρ)² dρ = ρ((log ρ)² − 2 log ρ + 2)
    const F = (r: number) => r * (L(r) ** 2 - 2 * L(r) + 2);
    const quad = w.reduce((s, wj, j) => s + wj * L(rhos[j]) ** 2, 0);
    expect(quad).toBeCloseTo(F(rt) - F(rhos[0]), 12);
  });
});
