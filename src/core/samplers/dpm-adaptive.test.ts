import { describe, expect, it } from 'vitest';
import { mixtureDenoiser } from '../denoisers/gaussianMixture';
import { adaptiveOdeRow } from './adaptiveBenchmark';
import { BENCHMARK_MIXTURE, benchmarkSetup, rmsDifference } from './convergence';
import { requireSampler } from './registry';
import {
  countingContext,
  exactGaussianFlow,
  gaussianDenoiser,
  initialState,
  runAll,
} from './sampler.testkit';

const def = requireSampler('dpm-adaptive');

describe('dpm-adaptive (Lu et al. 2022, adaptive DPM-Solver-12 / 23)', () => {
  // The controller bounds each step's local error estimate, not the global error: the endpoint
  // is asserted within 2·tol (measured: at most 1.34·tol, order 2 at 1e-3).
  it('reaches the closed-form PF-ODE endpoint on Gaussian data within twice its tolerance', () => {
    // x(σ) = μ + (x_T − μ)·sqrt(c² + σ²)/sqrt(c² + σ_T²) for data N(μ, c²).
    const xT = initialState(1, 64, 20);
    const exact = exactGaussianFlow(xT, [0.5], 0.7, 20, 0.02);
    for (const order of [2, 3]) {
      for (const tol of [1e-3, 1e-5]) {
        const ctx = countingContext(gaussianDenoiser([0.5], 0.7), 0, 64);
        const { x } = runAll(def, ctx, { sigmas: [20, 0.02] }, xT, { order, rtol: tol, atol: tol });
        expect(rmsDifference(x, exact), `order ${order}, tol ${tol}`).toBeLessThan(2 * tol);
      }
    }
  });

  it('lands on every grid σ and gives the same endpoint whatever the grid between', () => {
    const xT = initialState(2, 64, 20);
    const exact = exactGaussianFlow(xT, [0.5], 0.7, 20, 0.02);
    const ctx = countingContext(gaussianDenoiser([0.5], 0.7), 0, 64);
    const p = { order: 3, rtol: 1e-6, atol: 1e-6 };
    const { x } = runAll(def, ctx, { sigmas: [20, 5, 1, 0.2, 0.02] }, xT, p);
    expect(rmsDifference(x, exact)).toBeLessThan(2e-6);
  });

  const setup = benchmarkSetup(mixtureDenoiser(BENCHMARK_MIXTURE), requireSampler('rk45'), 7);

  it.each([1e-3, 1e-4])(
    'on the Gaussian mixture meets rtol = atol = %s against RK45 with fewer NFE than fixed steps at equal error',
    (tol) => {
      const row = adaptiveOdeRow(setup, { order: 3, rtol: tol, atol: tol });
      expect(row.error).toBeLessThan(tol);
      for (const [id, nfe] of Object.entries(row.fixed)) {
        expect(nfe ?? Infinity, id).toBeGreaterThan(row.nfe);
      }
    },
  );
});
