import { describe, expect, it } from 'vitest';
import { normals, uniformAt } from '../rng';
import { dequantise, dequantisedBpd, meanInterval, toBytes } from './bitsPerDim';
import { finish, heunLogDensity, type DivergenceField } from './heunLikelihood';

/**
 * A 4×4 "image" with Gaussian data N(μ, Σ), Σ = Q·diag(λ)·Qᵀ with Q the orthonormal DCT-II
 * basis (so the Jacobian of the denoiser is not diagonal and Hutchinson's estimate has
 * variance). Closed forms: D(x, σ) = μ + Q·diag(λ/(λ + σ²))·Qᵀ(x − μ), ∇·D = Σ λ/(λ + σ²),
 * and p_σ = N(μ, Σ + σ²I).
 */
const D = 16;
const Q = Array.from({ length: D }, (_, k) =>
  Float64Array.from(
    { length: D },
    (_, i) => Math.sqrt((k === 0 ? 1 : 2) / D) * Math.cos((Math.PI * (i + 0.5) * k) / D),
  ),
);
const lambda = Float64Array.from({ length: D }, (_, k) => 0.3 / (1 + k) ** 1.5);
const mu = Float64Array.from({ length: D }, (_, i) => 0.4 * Math.sin(i));

const project = (x: Float64Array, p: number) =>
  Q.map((q) => q.reduce((s, v, i) => s + v * (x[p * D + i] - mu[i]), 0));

function denoise(x: Float64Array, sigma: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let p = 0; p < x.length / D; p++) {
    const z = project(x, p);
    for (let i = 0; i < D; i++) {
      let v = mu[i];
      for (let k = 0; k < D; k++) v += Q[k][i] * ((lambda[k] / (lambda[k] + sigma ** 2)) * z[k]);
      out[p * D + i] = v;
    }
  }
  return out;
}

function closedLogp(x: Float64Array, p: number, sigma: number): number {
  const z = project(x, p);
  return z.reduce((s, v, k) => {
    const var_ = lambda[k] + sigma ** 2;
    return s - (0.5 * (v * v)) / var_ - 0.5 * Math.log(2 * Math.PI * var_);
  }, 0);
}

const exactField: DivergenceField = (x, sigma) => ({
  denoised: denoise(x, sigma),
  divergence: new Float64Array(x.length / D).fill(
    lambda.reduce((s, l) => s + l / (l + sigma ** 2), 0),
  ),
});

/** Hutchinson's εᵀJε with one Rademacher probe per row, fixed along the trajectory. */
function hutchinsonField(probes: Float64Array): DivergenceField {
  return (x, sigma) => {
    const denoised = denoise(x, sigma);
    const jEps = denoise(
      probes.map((e, i) => e + mu[i % D]),
      sigma,
    ).map((v, i) => v - mu[i % D]); // J·ε: D is affine, J = D(μ + ε) − μ
    const divergence = new Float64Array(x.length / D);
    for (let i = 0; i < x.length; i++) divergence[Math.floor(i / D)] += probes[i] * jEps[i];
    return { denoised, divergence };
  };
}

const options = { sigmaMin: 0.01, sigmaMax: 80, steps: 60, dim: D };
const n = 6;
/** Draws from the data: x = μ + Q·diag(√λ)·ξ. */
const x = (() => {
  const xi = normals(3, 0, n * D);
  const out = new Float64Array(n * D);
  for (let p = 0; p < n; p++)
    for (let i = 0; i < D; i++) {
      let v = mu[i];
      for (let k = 0; k < D; k++) v += Q[k][i] * Math.sqrt(lambda[k]) * xi[p * D + k];
      out[p * D + i] = v;
    }
  return out;
})();

describe('heunLogDensity on Gaussian data (a 4×4 image) against the closed form', () => {
  it('with the exact divergence, converges to log N(x; μ, Σ + σ_min²I) at second order', () => {
    const error = (steps: number) => {
      const logp = finish(heunLogDensity(exactField, x, { ...options, steps }));
      return Math.max(...logp.map((v, p) => Math.abs(v - closedLogp(x, p, options.sigmaMin))));
    };
    const [e60, e120, e240] = [60, 120, 240].map(error);
    expect(e240).toBeLessThan(0.04); // measured 0.48, 0.128, 0.033 nats
    expect(e60 / e120).toBeGreaterThan(3.5);
    expect(e120 / e240).toBeGreaterThan(3.5);
  });

  it('with Hutchinson probes held fixed, is unbiased: the mean over 400 probes is within 4 SE', () => {
    const K = 400;
    const rows = new Float64Array(K * D);
    for (let k = 0; k < K; k++) rows.set(x.subarray(0, D), k * D);
    const probes = Float64Array.from({ length: K * D }, (_, i) =>
      uniformAt(9, 1, i) < 0.5 ? -1 : 1,
    );
    const est = finish(heunLogDensity(hutchinsonField(probes), rows, options));
    const { mean, half } = meanInterval(est);
    const sd = (half / 1.96) * Math.sqrt(K);
    expect(sd).toBeGreaterThan(0.05); // the estimator does vary with the probe
    expect(Math.abs(mean - closedLogp(x, 0, options.sigmaMin))).toBeLessThan(
      4 * (sd / Math.sqrt(K)) + 0.01,
    );
  });

  it('rejects bad options with a message', () => {
    expect(() => finish(heunLogDensity(exactField, x, { ...options, steps: 0 }))).toThrow(/steps/);
    expect(() => finish(heunLogDensity(exactField, x, { ...options, sigmaMin: 0 }))).toThrow(
      /σ_max > σ_min > 0/,
    );
    expect(() => finish(heunLogDensity(exactField, x.subarray(0, 5), options))).toThrow(
      /multiple of 16/,
    );
  });
});

describe('bits per dimension of dequantised 8-bit images', () => {
  it('is 8 for the uniform density on [−1, 1]^D (log p = −D·log 2), and 7 at log p = 0', () => {
    expect(dequantisedBpd(-D * Math.log(2), D)).toBeCloseTo(8, 12);
    expect(dequantisedBpd(0, D)).toBeCloseTo(7, 12);
  });

  it('dequantises v to (v + u)/128 − 1 inside the pixel’s own bin', () => {
    const bytes = Uint8Array.from([0, 1, 127, 255]);
    const y = dequantise(bytes, 1);
    bytes.forEach((v, i) => {
      expect(y[i]).toBeGreaterThanOrEqual(v / 128 - 1);
      expect(y[i]).toBeLessThan((v + 1) / 128 - 1);
    });
    expect(dequantise(bytes, 2)).not.toEqual(y);
  });

  it('reads pixels v/127.5 − 1 back as bytes, and rejects values that are not', () => {
    expect([...toBytes([-1, 2 / 127.5 - 1, 1])]).toEqual([0, 2, 255]);
    expect(() => toBytes([0.1234])).toThrow(/pixel 0 is 0.1234/);
  });

  it('gives the mean with a Student-t 95% interval', () => {
    // n = 4, sd = 1.2909944: half = 3.182 · sd / 2.
    const r = meanInterval([1, 2, 3, 4]);
    expect(r.mean).toBe(2.5);
    expect(r.half).toBeCloseTo((3.182 * Math.sqrt(5 / 3)) / 2, 6);
    expect(meanInterval([5]).half).toBe(0);
    expect(() => meanInterval([])).toThrow(/no values/);
  });
});
