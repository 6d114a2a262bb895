import { float64Ops } from '../ops';
import { normals } from '../rng';
import { karrasSigmas } from '../schedules/sigmas';
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
export function truncatedKarrasGrid(steps: number, sigmaMin: number, sigmaMax: number, rho: number): SamplingGrid {
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
  const ctx = { ops: float64Ops, denoise, noise: (key: number) => normals(seed, key, xStart.length) };
  const run = def.create(ctx, grid, params);
  let x = xStart;
  let nfe = 0;
  for (let i = 0; i < grid.sigmas.length - 1; i++) {
    const r = run.step(x, i);
    x = r.x;
    nfe += r.nfe;
  }
  return { x, nfe };
}

export function rmsDifference(a: Float64Array, b: Float64Array): number {
  return Math.sqrt(float64Ops.meanSquare(float64Ops.lincomb([[1, a], [-1, b]])));
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
