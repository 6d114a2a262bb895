import { rmsDifference, solve, type ConvergenceSetup } from '../samplers/convergence';
import type { SamplerDef, SamplerParams } from '../samplers/types';
import { karrasSigmas } from '../schedules/sigmas';

/**
 * A σ grid optimised for one sampler at one step count (in the spirit of Sabour et al. 2024,
 * "Align Your Steps", which fits the grid to the sampler; here the objective is direct): the RMS
 * endpoint error of the sampler's run from σ_max to σ_min against the exact (RK45) reference of
 * the setup, minimised over the interior log σ's by cyclic coordinate descent, each coordinate by a
 * golden-section search between its neighbours, starting from Karras ρ = 7. A move is kept only
 * when it lowers the error, so the result is never worse than Karras.
 */
export interface GridSearchResult {
  /** σ_max, the optimised interior, σ_min (steps + 1 entries, no trailing 0). */
  sigmas: number[];
  error: number;
  /** Karras ρ = 7's error at the same steps, the starting point. */
  karrasError: number;
  /** Sampler runs spent. */
  evaluations: number;
}

export interface GridSearchOptions {
  /** Coordinate sweeps at most (default 6); stops early when a sweep gains < 0.1 %. */
  sweeps?: number;
  /** Golden-section iterations per coordinate (default 24). */
  iterations?: number;
}

/** Where a search stands after each sampler run. */
export interface GridSearchProgress {
  /** Sampler runs done. */
  evaluations: number;
  /** Sampler runs the search makes at most (it stops early when a sweep gains little). */
  budget: number;
  /** The lowest error of the grids run so far: the search ends on that grid or a better one. */
  error: number;
}

const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** The search as a generator: one progress report after every sampler run, the result at the end. */
export function* searchSigmaGrid(
  def: SamplerDef,
  params: SamplerParams,
  setup: ConvergenceSetup,
  steps: number,
  options: GridSearchOptions = {},
): Generator<GridSearchProgress, GridSearchResult, void> {
  const { sweeps = 6, iterations = 24 } = options;
  if (!(Number.isInteger(steps) && steps >= 1))
    throw new Error(`optimiseSigmaGrid: steps must be a positive integer, got ${steps}`);
  // Karras's run, then per sweep and interior σ two bracket points and one per iteration.
  const budget = 1 + sweeps * (steps - 1) * (2 + iterations);
  let evaluations = 0;
  let best = Infinity;
  /** σ's of log σ's, with σ_max and σ_min exact. */
  const toSigmas = (logs: readonly number[]) =>
    logs.map((u, j) => (j === 0 ? setup.sigmaMax : j === steps ? setup.sigmaMin : Math.exp(u)));
  const errorOf = (logs: readonly number[]) => {
    evaluations++;
    const sigmas = toSigmas(logs);
    const { x } = solve(def, params, setup.denoise, { sigmas }, setup.xStart);
    const e = rmsDifference(x, setup.reference);
    const finite = Number.isFinite(e) ? e : Infinity;
    best = Math.min(best, finite);
    return finite;
  };
  const logs = karrasSigmas(steps + 1, setup.sigmaMin, setup.sigmaMax, 7)
    .slice(0, -1)
    .map(Math.log);
  const karrasError = errorOf(logs);
  let error = karrasError;
  const report = (): GridSearchProgress => ({ evaluations, budget, error: best });
  yield report();
  for (let sweep = 0; sweep < sweeps; sweep++) {
    const before = error;
    for (let i = 1; i < steps; i++) {
      // Golden section on u_i in (u_{i+1}, u_{i−1}), kept strictly inside.
      const margin = 1e-6 * (logs[i - 1] - logs[i + 1]);
      let lo = logs[i + 1] + margin;
      let hi = logs[i - 1] - margin;
      const at = (u: number) => {
        const trial = logs.slice();
        trial[i] = u;
        return errorOf(trial);
      };
      let a = hi - GOLDEN * (hi - lo);
      let b = lo + GOLDEN * (hi - lo);
      let fa = at(a);
      yield report();
      let fb = at(b);
      yield report();
      for (let k = 0; k < iterations; k++) {
        if (fa < fb) {
          hi = b;
          b = a;
          fb = fa;
          a = hi - GOLDEN * (hi - lo);
          fa = at(a);
        } else {
          lo = a;
          a = b;
          fa = fb;
          b = lo + GOLDEN * (hi - lo);
          fb = at(b);
        }
        yield report();
      }
      const [u, f] = fa < fb ? [a, fa] : [b, fb];
      if (f < error) {
        logs[i] = u;
        error = f;
      }
    }
    if (before - error < 1e-3 * before) break;
  }
  return { sigmas: toSigmas(logs), error, karrasError, evaluations };
}

/** The search run to its end (searchSigmaGrid without the progress reports). */
export function optimiseSigmaGrid(
  def: SamplerDef,
  params: SamplerParams,
  setup: ConvergenceSetup,
  steps: number,
  options: GridSearchOptions = {},
): GridSearchResult {
  const search = searchSigmaGrid(def, params, setup, steps, options);
  for (;;) {
    const next = search.next();
    if (next.done) return next.value;
  }
}
