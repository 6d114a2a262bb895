import { describe, expect, it } from 'vitest';
import { SDE_BENCHMARK, sdeRow } from './adaptiveBenchmark';
import { requireSampler } from './registry';
import { countingContext, gaussianDenoiser, initialState, runAll } from './sampler.testkit';

const def = requireSampler('sde-adaptive');
const { sigmaMax, sigmaMin } = SDE_BENCHMARK;

describe('sde-adaptive (Jolicoeur-Martineau et al. 2021, Algorithm 1)', () => {
  it('samples the exact Gaussian law N(μ, c⁴/(c² + σ_min²)) at its default tolerance', () => {
    const n = 40_000;
    const row = sdeRow('defaults', 'sde-adaptive', def.defaults, [sigmaMax, sigmaMin, 0], n);
    // Five standard errors of the sample variance (√(2/n)) and mean (1/√n), in relative units.
    expect(Math.abs(row.varianceError)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(row.meanError)).toBeLessThan(5 / Math.sqrt(n));
  });

  it('spends fewer evaluations at a looser tolerance, and counts the cached D on rejection', () => {
    const grid = { sigmas: [sigmaMax, sigmaMin, 0] };
    const xT = initialState(1, 2000, sigmaMax);
    const nfe = [0.2, 0.05, 0.01].map((rtol) => {
      const ctx = countingContext(gaussianDenoiser([0.5], 0.7), 4, 2000);
      const { steps } = runAll(def, ctx, grid, xT, { rtol, atol: 0.0078 });
      const reported = steps.reduce((a, s) => a + s.nfe, 0);
      expect(reported).toBe(ctx.calls());
      return reported;
    });
    expect(nfe[0]).toBeLessThan(nfe[1]);
    expect(nfe[1]).toBeLessThan(nfe[2]);
  });
});
