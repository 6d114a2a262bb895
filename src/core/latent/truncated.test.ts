import { describe, expect, it } from 'vitest';
import { float64Host } from '../host';
import { INITIAL_NOISE_KEY, normals } from '../rng';
import { runToEnd } from '../samplers/driver';
import { requireSampler } from '../samplers/registry';
import { initialState } from '../scene/build';
import { karrasSigmas } from '../schedules/sigmas';
import { runTruncated, truncatedStart, truncateGrid } from './truncated';

/** Data N(μ, s²) per coordinate: its exact denoiser D(x, σ) = μ + s²/(s² + σ²)·(x − μ). */
const MU = 0.7;
const S = 0.5;
const gaussianDenoiser = (x: Float64Array, sigma: number) =>
  x.map((v) => MU + ((S * S) / (S * S + sigma * sigma)) * (v - MU));

const N = 64;
const SEED = 3;
/** A deliberately wrong "VAE" sample: N(μ, (2s)²). */
const xVae = normals(11, 0, N).map((v) => MU + 2 * S * v);
const noise = (key: number) => normals(SEED, key, N);

function truncated(samplerId: string, sigmas: number[], sigmaStart: number) {
  const sampler = requireSampler(samplerId);
  return runTruncated({
    host: float64Host,
    sampler,
    params: sampler.defaults,
    grid: { sigmas },
    denoise: gaussianDenoiser,
    noise,
    start: xVae,
    initialNoise: normals(SEED, INITIAL_NOISE_KEY, N),
    sigmaStart,
  });
}

describe('truncateGrid', () => {
  const grid = [10, 5, 2, 1, 0.5, 0];
  it('keeps the steps from the first σ at or below σ_s', () => {
    expect(truncateGrid(grid, 10)).toEqual(grid);
    expect(truncateGrid(grid, 100)).toEqual(grid);
    expect(truncateGrid(grid, 3)).toEqual([2, 1, 0.5, 0]);
    expect(truncateGrid(grid, 2)).toEqual([2, 1, 0.5, 0]);
    expect(truncateGrid(grid, 0.1)).toEqual([0]);
    expect(truncateGrid(grid, 0)).toEqual([0]);
  });
  it('refuses a negative or missing σ_s', () => {
    expect(() => truncateGrid(grid, -1)).toThrow(/σ_s must be ≥ 0/);
    expect(() => truncateGrid(grid, NaN)).toThrow(/σ_s must be ≥ 0/);
  });
});

describe('truncatedStart', () => {
  it('is x_vae + σ_s·ε below σ_max and the plain start σ_max·ε at σ_max', () => {
    const e = Float64Array.from([1, -2]);
    const x = Float64Array.from([0.5, 0.25]);
    expect(Array.from(truncatedStart(float64Host.ops, x, 3, e, 80))).toEqual([3.5, -5.75]);
    expect(Array.from(truncatedStart(float64Host.ops, x, 80, e, 80))).toEqual([80, -160]);
  });
});

describe.each(['ddim', 'ddpm', 'heun'])('runTruncated with %s', (samplerId) => {
  const sigmas = karrasSigmas(30, 0.002, 80);
  const sampler = requireSampler(samplerId);

  it('at σ_s = σ_max is the plain run, bit for bit (same seed)', () => {
    const plain = runToEnd({
      host: float64Host,
      sampler,
      params: sampler.defaults,
      grid: { sigmas },
      denoise: gaussianDenoiser,
      noise,
      x: initialState(N, 1, SEED, sigmas[0]),
    });
    const cut = truncated(samplerId, sigmas, sigmas[0]);
    expect(Array.from(cut.x)).toEqual(Array.from(plain.x));
    expect(cut.nfe).toBe(plain.nfe);
  });

  it('at σ_s = 0 returns the VAE sample unchanged with no model evaluations', () => {
    const cut = truncated(samplerId, sigmas, 0);
    expect(cut.nfe).toBe(0);
    expect(Array.from(cut.x)).toEqual(Array.from(xVae));
  });

  it('spends the sampler’s NFE on the remaining steps only', () => {
    const k = 12;
    const cut = truncated(samplerId, sigmas, sigmas[k]);
    expect(cut.sigmas).toHaveLength(sigmas.length - k);
    const steps = sigmas.length - 1 - k;
    // Heun skips its corrector on the last step to σ = 0 (Karras et al. 2022, Algorithm 1).
    expect(cut.nfe).toBe(samplerId === 'heun' ? 2 * steps - 1 : steps);
  });
});

describe('truncated probability-flow ODE on Gaussian data (closed form)', () => {
  // For N(μ, s²) the probability-flow ODE is linear: from x at σ_s it ends at μ + s/√(s² + σ_s²)·(x − μ).
  // So a start x_vae + σ_s·ε ends at a known point, and the output variance is
  // s²·(v + σ_s²)/(s² + σ_s²) for x_vae of variance v: it moves from v (σ_s = 0) to s² (σ_s → ∞).
  it.each([0.3, 1, 4])('from σ_s = %s lands where the exact flow sends the start', (sigmaStart) => {
    // σ_s below the grid's σ_max (a start at σ_max is the plain one), and on the grid.
    const sigmas = [2 * sigmaStart, ...karrasSigmas(200, 1e-3, sigmaStart)];
    const { x, nfe } = truncated('heun', sigmas, sigmaStart);
    expect(nfe).toBe(2 * 200 - 1);
    const eps = normals(SEED, INITIAL_NOISE_KEY, N);
    const gain = S / Math.sqrt(S * S + sigmaStart * sigmaStart);
    let maxErr = 0;
    for (let i = 0; i < N; i++) {
      const start = xVae[i] + sigmaStart * eps[i];
      maxErr = Math.max(maxErr, Math.abs(x[i] - (MU + gain * (start - MU))));
    }
    // Heun's O(h²) error; a start without the VAE sample or noise would miss by O(1).
    expect(maxErr).toBeLessThan(1e-3);
  });
});
