import { float64Host } from '../host';
import { float64Ops } from '../ops';
import { normals } from '../rng';
import { karrasSigmas } from '../schedules/sigmas';
import { runToEnd } from './driver';
import type { Denoiser, SamplerDef, SamplerParams, SamplingGrid } from './types';

/**
 * Measured convergence order of a deterministic sampler: run it from the same start over
 * Karras grids (ρ) from σ_max down to σ_min > 0 with a sweep of step counts, take the RMS
 * endpoint error against a reference solution, and fit the log-log slope of error vs N.
 * The grid stops at σ_min, not 0, so the last-step conventions (Euler onto D) don't mask
 * the order of the method itself.
 */
export interface ConvergenceSetup {
  denoise: Denoiser<Float64Array>;
  xStart: Float64Array;
  sigmaMax: number;
  sigmaMin: number;
  rho: number;
  /** The exact (or very finely resolved) state at σ_min. */
  reference: Float64Array;
}

export interface ConvergenceRow {
  steps: number;
  nfe: number;
  error: number;
}

export interface ConvergenceResult {
  rows: ConvergenceRow[];
  /** −slope of log(error) against log(steps): 1 for Euler, 2 for Heun, … */
  order: number;
}

/** Karras grid with `steps` intervals from σ_max to σ_min (no trailing zero). */
export function truncatedKarrasGrid(
  steps: number,
  sigmaMin: number,
  sigmaMax: number,
  rho: number,
): SamplingGrid {
  return { sigmas: karrasSigmas(steps + 1, sigmaMin, sigmaMax, rho).slice(0, -1) };
}

/** Run a sampler over a grid in float64; returns the final state and the NFE spent. */
export function solve(
  def: SamplerDef,
  params: SamplerParams,
  denoise: Denoiser<Float64Array>,
  grid: SamplingGrid,
  xStart: Float64Array,
  seed = 0,
): { x: Float64Array; nfe: number } {
  return runToEnd({
    host: float64Host,
    sampler: def,
    params,
    grid,
    denoise,
    noise: (key) => normals(seed, key, xStart.length),
    x: xStart,
  });
}

export function rmsDifference(a: Float64Array, b: Float64Array): number {
  return Math.sqrt(
    float64Ops.meanSquare(
      float64Ops.lincomb([
        [1, a],
        [-1, b],
      ]),
    ),
  );
}

/** Least-squares slope of y on x. */
export function fitSlope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return num / den;
}

export function measureConvergence(
  def: SamplerDef,
  params: SamplerParams,
  setup: ConvergenceSetup,
  stepCounts: readonly number[],
): ConvergenceResult {
  const rows = stepCounts.map((steps) => {
    const grid = truncatedKarrasGrid(steps, setup.sigmaMin, setup.sigmaMax, setup.rho);
    const { x, nfe } = solve(def, params, setup.denoise, grid, setup.xStart);
    return { steps, nfe, error: rmsDifference(x, setup.reference) };
  });
  const slope = fitSlope(
    rows.map((r) => Math.log(r.steps)),
    rows.map((r) => Math.log(r.error)),
  );
  return { rows, order: -slope };
}

/**
 * The standard benchmark: an exact-score 2D Gaussian mixture (three anisotropic
 * components), 32 particles from σ_max = 10 to σ_min = 0.05, the reference from RK45 at
 * rtol = atol = 1e-11. Shared by the convergence test and docs/SAMPLERS.md.
 */
export const BENCHMARK_MIXTURE = {
  weights: [0.5, 0.3, 0.2],
  means: [
    [-1, 0],
    [1, 0.5],
    [0, -1],
  ],
  covs: [
    [
      [0.05, 0],
      [0, 0.05],
    ],
    [
      [0.1, 0.02],
      [0.02, 0.04],
    ],
    [
      [0.03, 0],
      [0, 0.08],
    ],
  ],
};

export function benchmarkSetup(
  denoise: Denoiser<Float64Array>,
  reference: SamplerDef,
  rho = 7,
  sigmaMax = 10,
  sigmaMin = 0.05,
): ConvergenceSetup {
  const xStart = normals(1, 0, 64).map((v) => v * sigmaMax);
  const ref = solve(
    reference,
    { rtol: 1e-11, atol: 1e-11 },
    denoise,
    truncatedKarrasGrid(8, sigmaMin, sigmaMax, rho),
    xStart,
  );
  return { denoise, xStart, sigmaMax, sigmaMin, rho, reference: ref.x };
}

/** Expected orders on the benchmark and the step sweeps that show them (see convergence.test.ts). */
export const EXPECTED_ORDERS: readonly {
  id: string;
  order: number;
  steps: readonly number[];
  rho: number;
  why: string;
}[] = [
  { id: 'euler', order: 1, steps: [16, 32, 64, 128], rho: 7, why: 'Euler' },
  { id: 'ddim', order: 1, steps: [16, 32, 64, 128], rho: 7, why: 'DDIM η = 0 is Euler in σ' },
  { id: 'heun', order: 2, steps: [16, 32, 64, 128], rho: 7, why: 'trapezoidal corrector' },
  { id: 'lms', order: 4, steps: [48, 96, 192], rho: 7, why: 'variable-step Adams–Bashforth 4' },
  {
    id: 'ipndm',
    order: 2,
    steps: [64, 128, 256, 512],
    rho: 7,
    why: 'fixed equal-step coefficients on an uneven grid',
  },
  { id: 'ipndm', order: 4, steps: [64, 128, 256, 512], rho: 1, why: 'AB4 on a uniform σ grid' },
  {
    id: 'plms',
    order: 2,
    steps: [64, 128, 256, 512],
    rho: 7,
    why: 'fixed equal-step coefficients on an uneven grid',
  },
  { id: 'plms', order: 4, steps: [64, 128, 256, 512], rho: 1, why: 'AB4 on a uniform σ grid' },
];
