import { describe, expect, it } from 'vitest';
import { mixtureDenoiser } from '../denoisers/gaussianMixture';
import { BENCHMARK_MIXTURE, benchmarkSetup, rmsDifference, solve } from '../samplers/convergence';
import { requireSampler } from '../samplers/registry';
import { exactGaussianFlow, gaussianDenoiser, initialState } from '../samplers/sampler.testkit';
import { optimiseSigmaGrid, searchSigmaGrid, type GridSearchProgress } from './gridSearch';

// Gaussian data N(0.5, 0.7²): the PF-ODE endpoint is closed form (sampler.testkit).
const xStart = initialState(1, 64, 20);
const gaussian = {
  denoise: gaussianDenoiser([0.5], 0.7),
  xStart,
  sigmaMax: 20,
  sigmaMin: 0.02,
  rho: 7,
  reference: exactGaussianFlow(xStart, [0.5], 0.7, 20, 0.02),
};
const euler = requireSampler('euler');

describe('σ-grid search against the exact ODE endpoint', () => {
  it('finds the brute-force optimum of the one interior σ of a 2-step Euler grid', () => {
    const found = optimiseSigmaGrid(euler, {}, gaussian, 2);
    // Brute force: 4,000 log-spaced σ's strictly between σ_min and σ_max.
    let best = { sigma: NaN, error: Infinity };
    const [lo, hi] = [Math.log(0.02), Math.log(20)];
    for (let k = 1; k < 4000; k++) {
      const sigma = Math.exp(lo + ((hi - lo) * k) / 4000);
      const { x } = solve(euler, {}, gaussian.denoise, { sigmas: [20, sigma, 0.02] }, xStart);
      const error = rmsDifference(x, gaussian.reference);
      if (error < best.error) best = { sigma, error };
    }
    expect(found.error).toBeLessThanOrEqual(best.error * (1 + 1e-6));
    expect(Math.abs(Math.log(found.sigmas[1] / best.sigma))).toBeLessThan((hi - lo) / 4000);
  });

  it('finds the brute-force optimum of a 3-step Euler grid (a 120 × 120 lattice)', () => {
    const found = optimiseSigmaGrid(euler, {}, gaussian, 3);
    const [lo, hi] = [Math.log(0.02), Math.log(20)];
    let best = Infinity;
    const n = 120;
    for (let a = 1; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        const s1 = Math.exp(hi - ((hi - lo) * a) / n);
        const s2 = Math.exp(hi - ((hi - lo) * b) / n);
        const { x } = solve(euler, {}, gaussian.denoise, { sigmas: [20, s1, s2, 0.02] }, xStart);
        best = Math.min(best, rmsDifference(x, gaussian.reference));
      }
    }
    expect(found.error).toBeLessThanOrEqual(best);
  });

  it.each(['euler', 'heun', 'dpmpp-2m'])(
    '%s at 10 NFE on the Gaussian mixture: never worse than Karras, and the run reproduces the error',
    (id) => {
      const def = requireSampler(id);
      const setup = benchmarkSetup(mixtureDenoiser(BENCHMARK_MIXTURE), requireSampler('rk45'), 7);
      const steps = 10 / def.nfePerStep(def.defaults);
      const found = optimiseSigmaGrid(def, def.defaults, setup, steps, { sweeps: 2 });
      expect(found.error).toBeLessThanOrEqual(found.karrasError);
      const { x, nfe } = solve(
        def,
        def.defaults,
        setup.denoise,
        { sigmas: found.sigmas },
        setup.xStart,
      );
      expect(nfe).toBe(10);
      expect(rmsDifference(x, setup.reference)).toBe(found.error);
    },
  );

  it('reports after every sampler run: counts up by one to the result, error never rising, within the budget', () => {
    const options = { sweeps: 2, iterations: 8 };
    const search = searchSigmaGrid(euler, {}, gaussian, 4, options);
    const reports: GridSearchProgress[] = [];
    let next = search.next();
    for (; !next.done; next = search.next()) reports.push(next.value);
    const found = next.value;
    expect(found).toEqual(optimiseSigmaGrid(euler, {}, gaussian, 4, options));
    expect(reports.map((r) => r.evaluations)).toEqual(reports.map((_, i) => i + 1));
    expect(reports.at(-1)!.evaluations).toBe(found.evaluations);
    // Karras's run, then per sweep and interior σ: two bracket points and one per iteration.
    expect(reports[0]).toEqual({
      evaluations: 1,
      budget: 1 + 2 * 3 * 10,
      error: found.karrasError,
    });
    expect(found.evaluations).toBeLessThanOrEqual(reports[0].budget);
    for (let i = 1; i < reports.length; i++)
      expect(reports[i].error).toBeLessThanOrEqual(reports[i - 1].error);
    expect(reports.at(-1)!.error).toBe(found.error);
  });
});
