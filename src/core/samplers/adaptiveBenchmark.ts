import { normals } from '../rng';
import { veProcess } from '../schedules/continuous';
import { karrasSigmas } from '../schedules/sigmas';
import { rmsDifference, solve, truncatedKarrasGrid, type ConvergenceSetup } from './convergence';
import { requireSampler } from './registry';
import type { Denoiser, SamplerParams } from './types';

/**
 * The adaptive samplers measured against fixed steps (docs/SAMPLERS.md, the adaptive tests).
 * ODE: dpm-adaptive over the benchmark's one interval σ_max → σ_min, its RMS error against the
 * RK45 reference, and for each fixed-step sampler the fewest NFE on a Karras grid (ρ of the
 * setup) that reach the same error. SDE: sde-adaptive and Euler–Maruyama on 1D Gaussian data,
 * whose exact output law is known, by the error of the output's variance and mean.
 */
export interface AdaptiveOdeRow {
  params: SamplerParams;
  nfe: number;
  error: number;
  /** Fixed-step sampler id → NFE at equal error (null: not reached within maxSteps). */
  fixed: Record<string, number | null>;
}

export const FIXED_BASELINES: readonly string[] = ['euler', 'heun', 'dpmpp-2m', 'dpm-solver'];

/** Fewest NFE of `id` (defaults) on a Karras grid reaching `target`, by bisection on the steps. */
export function fixedNfeAtError(
  id: string,
  setup: ConvergenceSetup,
  target: number,
  maxSteps = 2048,
): number | null {
  const def = requireSampler(id);
  const run = (steps: number) =>
    solve(
      def,
      def.defaults,
      setup.denoise,
      truncatedKarrasGrid(steps, setup.sigmaMin, setup.sigmaMax, setup.rho),
      setup.xStart,
    );
  const ok = (steps: number) => rmsDifference(run(steps).x, setup.reference) <= target;
  let hi = 1;
  while (!ok(hi)) {
    if (hi >= maxSteps) return null;
    hi *= 2;
  }
  let lo = Math.floor(hi / 2);
  // Invariant: hi reaches the target, lo (if > 0) does not.
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return run(hi).nfe;
}

export function adaptiveOdeRow(setup: ConvergenceSetup, params: SamplerParams): AdaptiveOdeRow {
  const grid = { sigmas: [setup.sigmaMax, setup.sigmaMin] };
  const r = solve(requireSampler('dpm-adaptive'), params, setup.denoise, grid, setup.xStart);
  const error = rmsDifference(r.x, setup.reference);
  const fixed = Object.fromEntries(
    FIXED_BASELINES.map((id) => [id, fixedNfeAtError(id, setup, error)]),
  );
  return { params, nfe: r.nfe, error, fixed };
}

/** 1D Gaussian data N(μ, c²) for the SDE rows: from σ_max through σ_min to a last denoising step. */
export const SDE_BENCHMARK = { mu: 0.5, c: 0.7, sigmaMax: 10, sigmaMin: 0.05 };

export interface SdeRow {
  label: string;
  nfe: number;
  /** Sample variance / exact variance − 1 and (sample mean − μ)/c. */
  varianceError: number;
  meanError: number;
}

/**
 * One SDE run on n particles of the 1D benchmark, the VE process of σ_min..σ_max attached. The
 * exact law after the last step D(x, σ_min) is N(μ, c⁴/(c² + σ_min²)).
 */
export function sdeRow(
  label: string,
  id: string,
  params: SamplerParams,
  sigmas: readonly number[],
  n: number,
  seed = 3,
): SdeRow {
  const { mu, c, sigmaMax, sigmaMin } = SDE_BENCHMARK;
  const denoise: Denoiser<Float64Array> = (x, sigma) => {
    const k = (c * c) / (c * c + sigma * sigma);
    return x.map((v) => mu + k * (v - mu));
  };
  const x = normals(1, 0, n).map((v) => v * sigmaMax);
  const grid = { sigmas, process: veProcess({ sigmaMin, sigmaMax }) };
  const r = solve(requireSampler(id), params, denoise, grid, x, seed);
  let mean = 0;
  for (const v of r.x) mean += v / n;
  let variance = 0;
  for (const v of r.x) variance += (v - mean) ** 2 / n;
  const exact = c ** 4 / (c * c + sigmaMin * sigmaMin);
  return { label, nfe: r.nfe, varianceError: variance / exact - 1, meanError: (mean - mu) / c };
}

/** The SDE table: sde-adaptive at each ε_rel (ε_abs at its default), Euler–Maruyama at each N. */
export function sdeRows(
  tolerances: readonly number[],
  steps: readonly number[],
  n: number,
): SdeRow[] {
  const { sigmaMax, sigmaMin } = SDE_BENCHMARK;
  const adaptive = tolerances.map((tol) =>
    sdeRow(
      `sde-adaptive, ε_rel = ${tol}`,
      'sde-adaptive',
      { rtol: tol, atol: requireSampler('sde-adaptive').defaults.atol },
      [sigmaMax, sigmaMin, 0],
      n,
    ),
  );
  const fixed = steps.flatMap((N) => {
    // The VE process's own uniform-in-t grid (geometric in σ), the paper's baseline, and Karras ρ = 7.
    const geometric = Array.from(
      { length: N },
      (_, i) => sigmaMax * (sigmaMin / sigmaMax) ** (i / (N - 1)),
    );
    return [
      sdeRow(`euler-maruyama, ${N} steps, uniform t`, 'euler-maruyama', {}, [...geometric, 0], n),
      sdeRow(
        `euler-maruyama, ${N} steps, Karras`,
        'euler-maruyama',
        {},
        karrasSigmas(N, sigmaMin, sigmaMax, 7),
        n,
      ),
    ];
  });
  return [...adaptive, ...fixed];
}
