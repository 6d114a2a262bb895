import { describe, expect, it } from 'vitest';
import { normals } from '../rng';
import { requireSampler } from './registry';
import { countingContext, meanVar, runAll } from './sampler.testkit';

// Data N(μ, c²) per coordinate. Its exact consistency function (σ_min = 0) maps x at σ to the
// origin of its PF-ODE trajectory: f(x, σ) = μ + c/sqrt(c² + σ²)·(x − μ) (Song et al. 2023, §3).
const MU = 0.5;
const C = 0.7;
const f = (x: Float64Array, sigma: number) =>
  x.map((v) => MU + (C / Math.sqrt(C * C + sigma * sigma)) * (v - MU));

describe('consistency sampler (Song et al. 2023, Algorithm 1)', () => {
  // With the exact f, every step count gives exactly N(μ, c²) from x_T ~ N(μ, c² + σ_max²):
  // f maps the marginal at σ onto N(μ, c²), and the re-noised state is again a marginal.
  const n = 40_000;
  const sigmaMax = 80;
  const xT = normals(3, 0, n).map((z) => MU + Math.sqrt(C * C + sigmaMax * sigmaMax) * z);
  it.each([
    [1, [sigmaMax]],
    [2, [sigmaMax, 1.2]],
    [4, [sigmaMax, 5, 1, 0.2]],
  ])('%i step(s) give the data distribution N(μ, c²)', (steps, levels) => {
    const ctx = countingContext(f, 9, n);
    const x = runAll(requireSampler('consistency'), ctx, { sigmas: [...levels, 0] }, xT).x;
    expect(ctx.calls()).toBe(steps);
    const m = meanVar(x);
    // five standard errors of the sample mean and variance
    expect(Math.abs(m.mean - MU)).toBeLessThan(5 * Math.sqrt((C * C) / n));
    expect(Math.abs(m.variance - C * C)).toBeLessThan(5 * C * C * Math.sqrt(2 / n));
  });

  it('returns f(x_T, σ_max) itself after one step', () => {
    const ctx = countingContext(f, 0, 4);
    const x = Float64Array.from([-3, 0, 2, 9]);
    expect(runAll(requireSampler('consistency'), ctx, { sigmas: [10, 0] }, x).x).toEqual(f(x, 10));
  });
});
