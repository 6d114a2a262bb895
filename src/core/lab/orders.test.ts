/**
 * The lab's own measured orders: the error-vs-NFE sweep the app runs
 * (core/lab/sweep: equal-NFE budgets, RK45 reference, fitOrder over the upper half of the
 * budgets), on the exact Gaussian-mixture model of `gaussians8`, EDM process (σ 80 → 0.002),
 * Karras grid ρ = 7, budgets 8…512 NFE, reference tolerance 1e-9 (so the fit's floor, 1e-7,
 * sits far below the errors fitted). Over NFE 64…512 discretisation error dominates every
 * line. PLMS's theory depends on the grid (theory.ts): 2 on Karras, 4 on a uniform σ grid,
 * checked on the shared benchmark (convergence.ts) at ρ = 1, σ 10 → 0.05.
 */
import { describe, expect, it } from 'vitest';
import { sampleDataset } from '../data';
import { mixtureDenoiser } from '../denoisers/gaussianMixture';
import { BENCHMARK_MIXTURE, benchmarkSetup, measureConvergence } from '../samplers/convergence';
import { requireSampler } from '../samplers/registry';
import type { SamplerParams } from '../samplers/types';
import { edmProcess } from '../schedules/continuous';
import { makeSigmaGrid } from '../schedules/grid';
import { cachedExactModel } from '../scene/build';
import { sweep, type SweepResult } from './sweep';
import { isUniformSigmaGrid, theoreticalOrder } from './theory';

const SAMPLERS: { id: string; params: SamplerParams }[] = [
  { id: 'euler', params: {} },
  { id: 'heun', params: {} },
  { id: 'dpm-solver', params: { order: 1 } },
  { id: 'dpm-solver', params: { order: 2 } },
  { id: 'dpm-solver', params: { order: 3 } },
  { id: 'dpmpp-2m', params: {} },
  { id: 'unipc', params: {} },
  { id: 'plms', params: {} },
];
const BUDGETS = [8, 16, 32, 64, 128, 256, 512];
const PARTICLES = 64;

function runSweep(): SweepResult {
  const gen = sweep({
    scene: {
      dataset: 'gaussians8',
      process: 'edm',
      betaSchedule: 'linear',
      spacing: 'trailing',
      sigmaGrid: 'karras',
      particles: PARTICLES,
      seed: 0,
    },
    samplers: SAMPLERS,
    budgets: BUDGETS,
    denoise: cachedExactModel('gaussians8').denoise,
    heldOut: sampleDataset('gaussians8', PARTICLES, 5),
    tolerance: { rtol: 1e-9, atol: 1e-9 },
  });
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
  }
}

describe('measured orders of the lab sweep on an exact Gaussian mixture', () => {
  const result = runSweep();
  const karras = makeSigmaGrid(edmProcess(), 'karras', 64).sigmas;
  const rows = SAMPLERS.map((s, i) => ({
    sampler: `${s.id} ${JSON.stringify(s.params)}`,
    theory: theoreticalOrder(s.id, s.params, karras)!.order,
    measured: result.fits[i].endpoint!.order,
    nfes: result.fits[i].endpoint!.nfes.join(','),
  }));
  console.table(rows.map((r) => ({ ...r, measured: Number(r.measured.toFixed(3)) })));

  it.each(rows)('$sampler: within 0.2 of order $theory', (row) => {
    expect(Math.abs(row.measured - row.theory)).toBeLessThan(0.2);
    expect(row.nfes.split(',')[0]).toMatch(/^6[3-5]$/);
  });

  it('plms has order 4 on a uniform σ grid (ρ = 1), as theory says there', () => {
    const def = requireSampler('plms');
    const setup = benchmarkSetup(mixtureDenoiser(BENCHMARK_MIXTURE), requireSampler('rk45'), 1);
    const measured = measureConvergence(def, {}, setup, [64, 128, 256, 512]).order;
    const uniform = Array.from({ length: 65 }, (_, i) => 10 - (i * (10 - 0.05)) / 64);
    expect(isUniformSigmaGrid(uniform)).toBe(true);
    expect(isUniformSigmaGrid(karras)).toBe(false);
    expect(Math.abs(measured - theoreticalOrder('plms', {}, uniform)!.order)).toBeLessThan(0.2);
  });
});
