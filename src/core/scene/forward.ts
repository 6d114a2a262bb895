import { sampleDataset } from '../data';
import type { AnalyticModel } from '../denoisers/analytic';
import { INITIAL_NOISE_KEY, normals } from '../rng';
import type { Process } from '../schedules/process';

/** The process time at a fraction of its range: 0 → tMin, 1 → tMax. */
export function timeAtFraction(process: Process, fraction: number): number {
  const f = Math.min(1, Math.max(0, fraction));
  return process.tMin + f * (process.tMax - process.tMin);
}

/**
 * Forward noising x_t = s(t)·(x0 + σ(t)·ε) of n data points, each with its own fixed noise ε
 * (the seed's initial stream, the same z that x_T = σ_max·z uses in the reverse view).
 */
export function forwardPoints(
  dataset: string,
  n: number,
  seed: number,
  process: Process,
  t: number,
): Float64Array {
  return noisePoints(sampleDataset(dataset, n, seed), seed, process, t);
}

/** forwardPoints for given data points x0 (e.g. a user's drawn set, resampled). */
export function noisePoints(
  x0: Float64Array,
  seed: number,
  process: Process,
  t: number,
): Float64Array {
  const eps = normals(seed, INITIAL_NOISE_KEY, x0.length);
  const s = process.scale(t);
  const sigma = process.sigma(t);
  return x0.map((v, i) => s * (v + sigma * eps[i]));
}

/**
 * log p_t at points given in the process's coordinates: p_t(x) = p_σ(x/s)·s^(−d) with p_σ the
 * model's noised marginal in k-diffusion coordinates (change of variables, d = 2).
 */
export function noisedLogDensity(
  model: AnalyticModel,
  points: Float64Array,
  process: Process,
  t: number,
): Float64Array {
  const s = process.scale(t);
  const sigma = process.sigma(t);
  const logp = model.logDensity(
    points.map((v) => v / s),
    sigma,
  );
  const shift = model.dim * Math.log(s);
  return logp.map((v) => v - shift);
}
