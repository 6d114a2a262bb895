import { describe, expect, it } from 'vitest';
import { normals } from '../rng';
import { rmsDifference } from '../samplers/convergence';
import { countingContext, gaussianDenoiser, runAll } from '../samplers/sampler.testkit';
import { karrasSigmas } from '../schedules/sigmas';
import { inversionPair, type InversionMethod } from './inversion';

// Data N(μ, c²): the PF-ODE maps a data point x0 to x(σ) = μ + (x0 − μ)·sqrt(c² + σ²)/c.
const MU = 0.3;
const C = 0.6;
const SIGMA_MAX = 10;
const n = 256;
const data = normals(4, 0, n).map((v) => MU + C * v);
const exactLatent = data.map((v) => MU + ((v - MU) * Math.sqrt(C * C + SIGMA_MAX ** 2)) / C);
const denoise = gaussianDenoiser([MU], C);

function roundTrip(method: InversionMethod, steps: number) {
  const { invert, regenerate, regenerateParams } = inversionPair(method);
  const grid = { sigmas: karrasSigmas(steps, 0.002, SIGMA_MAX) };
  const ctx = countingContext(denoise, 0, n);
  const latent = runAll(invert, ctx, grid, data).x;
  const back = runAll(regenerate, ctx, grid, latent, regenerateParams).x;
  return { latentError: rmsDifference(latent, exactLatent), error: rmsDifference(back, data) };
}

describe('inversion then regeneration on an exact Gaussian denoiser', () => {
  it.each([
    ['ddim', 1],
    ['heun', 2],
  ] as const)('%s: the latent converges to the exact PF-ODE map at order ≈ %i', (method, order) => {
    const coarse = roundTrip(method, 50);
    const fine = roundTrip(method, 100);
    // Latent values are about sqrt(c² + σ_max²)/c ≈ 17 times the data's spread.
    expect(fine.latentError).toBeLessThan(0.02 * SIGMA_MAX);
    expect(fine.error).toBeLessThan(0.05 * C);
    const measured = Math.log2(coarse.latentError / fine.latentError);
    expect(Math.abs(measured - order)).toBeLessThan(0.2);
  });

  it('heun reconstructs far closer than ddim at the same step count', () => {
    expect(roundTrip('heun', 50).error).toBeLessThan(roundTrip('ddim', 50).error / 100);
  });
});
