import { float64Host } from '../host';
import { runToEnd } from '../samplers/driver';
import type { SamplerDef, SamplerParams, SamplingGrid } from '../samplers/types';

/**
 * Equal-cost comparison: every sampler gets the same budget of model evaluations (NFE).
 * Nominally a sampler costing k evaluations per step gets N = max(1, floor(budget / k))
 * steps. Some steps cost less than nominal (Heun's, DPM-Solver's and DPM++(2S)'s step onto
 * σ = 0 is one Euler/denoise evaluation, so N Heun steps cost 2N − 1), so the plan then
 * tries N + 1, N + 2, … while the *counted* cost stays within the budget; some cost more
 * (PLMS's first step evaluates twice, so N steps cost N + 1), so it first steps down to fit. The count comes
 * from a dry run of the sampler on one point with the exact denoiser of N(0, I) data
 * (D = x/(1 + σ²): cheap and well-behaved on every grid), which is exact for every
 * fixed-cost sampler; an adaptive one (rk45) reports its real cost only when it runs.
 */
export interface BudgetPlan {
  budget: number;
  steps: number;
  /** Evaluations the planned run spends (counted), ≤ budget unless one step already exceeds it. */
  nfe: number;
  /** The sampler's nominal evaluations per step. */
  nfePerStep: number;
}

/** Model evaluations a run of `def` spends over `grid`, counted on a one-point dry run. */
export function countNfe(
  def: SamplerDef,
  params: SamplerParams,
  grid: SamplingGrid,
  dim = 2,
): number {
  const denoise = (x: Float64Array, sigma: number) => x.map((v) => v / (1 + sigma * sigma));
  return runToEnd({
    host: float64Host,
    sampler: def,
    params,
    grid,
    denoise,
    noise: () => new Float64Array(dim).fill(0.5),
    x: new Float64Array(dim).fill(grid.sigmas[0]),
  }).nfe;
}

/** The most steps whose counted cost fits `budget` (at least 1). */
export function planBudget(
  def: SamplerDef,
  params: SamplerParams,
  budget: number,
  gridFor: (steps: number) => SamplingGrid,
): BudgetPlan {
  if (!Number.isInteger(budget) || budget < 1)
    throw new Error(`planBudget: budget must be a positive integer, got ${budget}`);
  const perStep = def.nfePerStep(params);
  if (!(perStep >= 1))
    throw new Error(`planBudget: ${def.id} reports ${perStep} evaluations per step`);
  let steps = Math.max(1, Math.floor(budget / perStep));
  let nfe = countNfe(def, params, gridFor(steps));
  // Some runs cost more than nominal (PLMS's first step evaluates twice): shrink to fit.
  while (nfe > budget && steps > 1) nfe = countNfe(def, params, gridFor(--steps));
  for (;;) {
    const more = countNfe(def, params, gridFor(steps + 1));
    if (more > budget) break;
    steps += 1;
    nfe = more;
  }
  return { budget, steps, nfe, nfePerStep: perStep };
}
