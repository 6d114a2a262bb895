/**
 * Oracles for the deterministic exponential-integrator samplers:
 * (1) Gaussian data N(μ, c²I), where the PF-ODE is solved exactly by
 *     x(σ) = μ + (x_T − μ)·√(c² + σ²)/√(c² + σ_T²);
 * (2) measured convergence orders on an exact-score 2D Gaussian mixture: endpoint error
 *     at σ_min = 0.05 > 0 against an RK4 reference (4000 steps), log-log slope over a
 *     sweep of Karras grids (ρ = 7) from σ_max = 80 (the shared harness, convergence.ts).
 */
import { describe, expect, it } from 'vitest';
import { normals } from '../rng';
import { karrasSigmas } from '../schedules/sigmas';
import { mixtureDenoiser } from '../denoisers/gaussianMixture';
import { measureConvergence, rmsDifference as rmsDiff } from './convergence';
import { deis } from './deis';
import { dpmSolver } from './dpm-solver';
import { dpmppTwoM } from './dpmpp-2m';
import { dpmppTwoS } from './dpmpp-2s';
import { dpmppSde } from './dpmpp-sde';
import { rk4Reference, runSampler, TEST_MIXTURE } from './exponential-integrator.testkit';
import { exactGaussianFlow, gaussianDenoiser } from './sampler.testkit';
import type { SamplerDef, SamplerParams } from './types';
import { uniPc } from './unipc';

interface Case {
  label: string;
  def: SamplerDef;
  params: SamplerParams;
  /** The order theory predicts. UniPC-p (UniP-p + UniC-p) is of order p + 1: UniC raises the order by one (Zhao et al. 2023). */
  order: number;
}

const CASES: Case[] = [
  { label: 'dpm-solver order 1', def: dpmSolver, params: { order: 1 }, order: 1 },
  { label: 'dpm-solver order 2', def: dpmSolver, params: { order: 2 }, order: 2 },
  { label: 'dpm-solver order 3', def: dpmSolver, params: { order: 3 }, order: 3 },
  { label: 'dpmpp-2m', def: dpmppTwoM, params: {}, order: 2 },
  { label: 'dpmpp-2s (η = 0)', def: dpmppTwoS, params: { eta: 0 }, order: 2 },
  {
    label: 'dpmpp-sde midpoint (η = 0)',
    def: dpmppSde,
    params: { eta: 0, solverType: 'midpoint' },
    order: 2,
  },
  {
    label: 'dpmpp-sde heun (η = 0)',
    def: dpmppSde,
    params: { eta: 0, solverType: 'heun' },
    order: 2,
  },
  { label: 'unipc p = 1', def: uniPc, params: { order: 1, corrector: true }, order: 2 },
  { label: 'unipc p = 2', def: uniPc, params: { order: 2, corrector: true }, order: 3 },
  { label: 'unip only p = 2', def: uniPc, params: { order: 2, corrector: false }, order: 2 },
  { label: 'unip only p = 3', def: uniPc, params: { order: 3, corrector: false }, order: 3 },
  { label: 'deis order 1', def: deis, params: { order: 1 }, order: 1 },
  { label: 'deis order 2', def: deis, params: { order: 2 }, order: 2 },
  { label: 'deis order 3', def: deis, params: { order: 3 }, order: 3 },
];
/** Fourth order needs finer grids before the slope settles (it dips near N ≈ 64 on this mixture). */
const UNIPC3: Case = {
  label: 'unipc p = 3',
  def: uniPc,
  params: { order: 3, corrector: true },
  order: 4,
};

const SIGMA_MAX = 80;
const SIGMA_MIN = 0.05;
const POINTS = 32;
const TOLERANCE = 0.35;

describe('measured convergence orders on an exact-score 2D Gaussian mixture', () => {
  const denoise = mixtureDenoiser(TEST_MIXTURE);
  const xStart = normals(3, 0, 2 * POINTS).map((v) => v * SIGMA_MAX);
  const reference = rk4Reference(denoise, xStart, SIGMA_MAX, SIGMA_MIN, 4000);
  const setup = { denoise, xStart, sigmaMax: SIGMA_MAX, sigmaMin: SIGMA_MIN, rho: 7, reference };

  const measure = (c: Case, steps: number[]) => {
    const { rows, order } = measureConvergence(c.def, c.params, setup, steps);
    return { ...c, steps, errors: rows.map((r) => r.error), measured: order };
  };
  const rows = [
    ...CASES.map((c) => measure(c, [48, 64, 96, 128, 192])),
    measure(UNIPC3, [256, 384, 512, 768]),
  ];
  console.table(
    rows.map((r) => ({
      sampler: r.label,
      expected: r.order,
      measured: Number(r.measured.toFixed(2)),
      steps: r.steps.join(','),
      errors: r.errors.map((e) => e.toExponential(1)).join(' '),
    })),
  );

  it('the RK4 reference is converged far below the errors measured', () => {
    const coarser = rk4Reference(denoise, xStart, SIGMA_MAX, SIGMA_MIN, 2000);
    const smallest = Math.min(...rows.flatMap((r) => r.errors));
    expect(rmsDiff(coarser, reference)).toBeLessThan(smallest / 100);
  });

  for (const r of rows) {
    it(`${r.label}: order ${r.order} ± ${TOLERANCE}`, () => {
      expect(Math.abs(r.measured - r.order)).toBeLessThan(TOLERANCE);
    });
  }
});

describe('Gaussian data: endpoint against the closed-form PF-ODE solution', () => {
  const mu = [0.3, -0.7];
  const c = 0.5;
  const denoise = gaussianDenoiser(mu, c);
  const xT = normals(5, 0, 2 * POINTS).map((v) => v * SIGMA_MAX);
  const exactAt = (sigma: number) => exactGaussianFlow(xT, mu, c, SIGMA_MAX, sigma);
  // 40-step Karras grid to 0 (EDM's σ_min = 0.002): error relative to the data std c.
  const sigmas = karrasSigmas(40, 0.002, SIGMA_MAX);
  const bound: Record<number, number> = { 1: 0.1, 2: 0.02, 3: 5e-3, 4: 5e-3 };

  for (const k of [...CASES, UNIPC3]) {
    it(`${k.label}: relative endpoint error < ${bound[k.order]} after 40 Karras steps`, () => {
      const { x, steps } = runSampler(k.def, k.params, sigmas, denoise, xT);
      expect(rmsDiff(x, exactAt(0)) / c).toBeLessThan(bound[k.order]);
      // Mid-trajectory the state also tracks the exact solution (looser: few steps taken yet).
      const mid = 20;
      expect(
        rmsDiff(steps[mid - 1].x, exactAt(sigmas[mid])) / Math.sqrt(c * c + sigmas[mid] ** 2),
      ).toBeLessThan(0.05);
    });
  }
});
