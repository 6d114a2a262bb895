import type { ArrayOps } from '../ops';
import { toD } from '../samplers/common';
import type { Denoiser } from '../samplers/types';
import type { Process } from '../schedules/process';

/**
 * `steps` + 1 process times evenly spaced from `from` to `to` (either direction), for drawing
 * an ODE path at even time intervals.
 */
export function uniformTimes(from: number, to: number, steps: number): number[] {
  if (!Number.isInteger(steps) || steps < 1)
    throw new Error(`uniformTimes: steps must be a positive integer, got ${steps}`);
  return Array.from({ length: steps + 1 }, (_, k) => from + ((to - from) * k) / steps);
}

/**
 * The probability-flow ODE path through x (k-diffusion coordinates, at times[0]) at each of
 * `times`, in either direction: Heun's method (trapezoidal rule, Karras et al. 2022,
 * Algorithm 1 without churn) on dx/dσ = (x − D(x, σ))/σ between consecutive σ = σ(t_k).
 * Every process shares this ODE in k-diffusion coordinates (its states are x_t = s(t)·x), so
 * the process only sets where the times fall. Every σ must be positive (stop at tMin, not at
 * σ = 0). Returns the states at every time, times[0]'s being x itself.
 */
export function solvePath<T>(
  ops: ArrayOps<T>,
  denoise: Denoiser<T>,
  process: Process,
  x: T,
  times: readonly number[],
): T[] {
  const sigmas = times.map((t) => process.sigma(t));
  const bad = sigmas.findIndex((s) => !(s > 0 && Number.isFinite(s)));
  if (bad >= 0)
    throw new Error(`solvePath: σ(t) = ${sigmas[bad]} at t = ${times[bad]}; need 0 < σ < ∞`);
  const out = [x];
  let d = toD(ops, x, sigmas[0], denoise(x, sigmas[0]));
  for (let k = 1; k < times.length; k++) {
    const h = sigmas[k] - sigmas[k - 1];
    const prev = out[k - 1];
    const euler = ops.lincomb([
      [1, prev],
      [h, d],
    ]);
    const d2 = toD(ops, euler, sigmas[k], denoise(euler, sigmas[k]));
    const next = ops.lincomb([
      [1, prev],
      [h / 2, d],
      [h / 2, d2],
    ]);
    out.push(next);
    // The next step's first stage: the slope at the new point (2 evaluations per step).
    if (k < times.length - 1) d = toD(ops, next, sigmas[k], denoise(next, sigmas[k]));
  }
  return out;
}

/**
 * The times of a path through a point placed at time t, from tMax down to tMin in `steps`
 * steps split by time span: `up` steps above t (solved backwards from t) and the rest below.
 * times[up] = t, clamped to [tMin, tMax].
 */
export function throughTimes(
  process: Process,
  time: number,
  steps: number,
): { times: number[]; up: number } {
  if (!Number.isFinite(time)) throw new Error(`throughTimes: t = ${time} is not finite`);
  const t = Math.min(process.tMax, Math.max(process.tMin, time));
  const up = Math.round((steps * (process.tMax - t)) / (process.tMax - process.tMin));
  const down = steps - up;
  return {
    times: [
      ...(up === 0 ? [t] : uniformTimes(t, process.tMax, up).reverse()),
      ...(down === 0 ? [] : uniformTimes(t, process.tMin, down).slice(1)),
    ],
    up,
  };
}
