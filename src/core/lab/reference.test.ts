import { describe, expect, it } from 'vitest';
import { normals } from '../rng';
import { referenceEndpoint } from './reference';

/**
 * Data N(0, c·I): D(x, σ) = c/(c + σ²)·x, and the PF-ODE dx/dσ = σx/(c + σ²) has the exact
 * solution x(σ) = x(σ₀)·sqrt((c + σ²)/(c + σ₀²)).
 */
const c = 0.7;
const gaussianDenoiser = (x: Float64Array, sigma: number) =>
  x.map((v) => (c / (c + sigma * sigma)) * v);

describe('referenceEndpoint', () => {
  const sigmaStart = 80;
  const sigmaEnd = 0.002;
  const xStart = normals(3, 0, 40).map((v) => v * sigmaStart);
  const exactAtEnd = xStart.map((v) => v * Math.sqrt((c + sigmaEnd ** 2) / (c + sigmaStart ** 2)));

  it('matches the closed-form Gaussian flow to the requested tolerance, then denoises', () => {
    const ref = referenceEndpoint(gaussianDenoiser, xStart, sigmaStart, sigmaEnd);
    expect(ref.tolerance).toEqual({ rtol: 1e-6, atol: 1e-6 });
    for (let i = 0; i < xStart.length; i++) {
      expect(Math.abs(ref.xAtSigmaEnd[i] - exactAtEnd[i])).toBeLessThan(1e-5);
      expect(ref.x[i]).toBeCloseTo((c / (c + sigmaEnd ** 2)) * ref.xAtSigmaEnd[i], 14);
    }
    expect(ref.nfe).toBeGreaterThan(7);
  });

  it('gets more accurate, and costs more, as the tolerance tightens', () => {
    const err = (tol: number) => {
      const ref = referenceEndpoint(gaussianDenoiser, xStart, sigmaStart, sigmaEnd, {
        rtol: tol,
        atol: tol,
      });
      return {
        nfe: ref.nfe,
        error: Math.max(...ref.xAtSigmaEnd.map((v, i) => Math.abs(v - exactAtEnd[i]))),
      };
    };
    const loose = err(1e-3);
    const tight = err(1e-9);
    expect(tight.error).toBeLessThan(1e-8);
    expect(tight.error).toBeLessThan(loose.error / 100);
    expect(tight.nfe).toBeGreaterThan(loose.nfe);
  });

  it('rejects an interval that does not run from high to low noise above 0', () => {
    expect(() => referenceEndpoint(gaussianDenoiser, xStart, 1, 2)).toThrow(/σ_start > σ_end > 0/);
    expect(() => referenceEndpoint(gaussianDenoiser, xStart, 1, 0)).toThrow(/σ_start > σ_end > 0/);
  });
});
