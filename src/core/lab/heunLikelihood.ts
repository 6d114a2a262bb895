import { gaussianLogPrior } from './likelihood';

/**
 * D(x, σ) of n rows of dimension `dim` and an estimate of each row's divergence ∇·D (exact,
 * or Hutchinson's with probes held fixed along the trajectory, as Song et al. 2021 do).
 */
export type DivergenceField = (
  x: Float64Array,
  sigma: number,
) => { denoised: Float64Array; divergence: Float64Array };

export interface HeunLikelihoodOptions {
  sigmaMin: number;
  sigmaMax: number;
  /** Heun steps, uniform in log σ; 2 field evaluations each. */
  steps: number;
  dim: number;
}

export interface HeunProgress {
  step: number;
  steps: number;
  sigma: number;
}

/**
 * log p_σmin(x) per row by the probability-flow ODE and the instantaneous change of variables
 * (Chen et al. 2018, Theorem 1; Song et al. 2021, score SDE, eq. 39–40), the fixed-step
 * counterpart of odeLogDensity (lab/likelihood.ts) for the networks, where every evaluation is
 * a batched backward pass. In u = log σ the augmented state moves by dx/du = x − D(x, σ) and
 * d(∫∇·f)/du = dim − ∇·D; Heun's method (Karras et al. 2022, Algorithm 1, in u) integrates it
 * from σ_min up to σ_max, where the prior is the samplers' N(0, σ_max²I):
 *   log p_σmin(x) = log N(x(σ_max); 0, σ_max²I) + ∫ (dim − ∇·D) du.
 * Yields after each step; returns the log-densities in nats.
 */
export function* heunLogDensity(
  field: DivergenceField,
  x: Float64Array,
  options: HeunLikelihoodOptions,
): Generator<HeunProgress, Float64Array> {
  const { sigmaMin, sigmaMax, steps, dim } = options;
  if (!(sigmaMax > sigmaMin && sigmaMin > 0))
    throw new Error(`heunLogDensity: need σ_max > σ_min > 0, got ${sigmaMax}, ${sigmaMin}`);
  if (!Number.isInteger(steps) || steps < 1)
    throw new Error(`heunLogDensity: steps must be a positive integer, got ${steps}`);
  const n = x.length / dim;
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`heunLogDensity: length ${x.length} is not a positive multiple of ${dim}`);
  const u0 = Math.log(sigmaMin);
  const h = (Math.log(sigmaMax) - u0) / steps;
  const derivative = (state: Float64Array, u: number) => {
    const { denoised, divergence } = field(state, Math.exp(u));
    return {
      dx: state.map((v, i) => v - denoised[i]),
      dl: divergence.map((v) => dim - v),
    };
  };
  let cur = Float64Array.from(x);
  const integral = new Float64Array(n);
  for (let k = 0; k < steps; k++) {
    const u = u0 + k * h;
    const a = derivative(cur, u);
    const b = derivative(
      cur.map((v, i) => v + h * a.dx[i]),
      u + h,
    );
    cur = cur.map((v, i) => v + 0.5 * h * (a.dx[i] + b.dx[i]));
    for (let p = 0; p < n; p++) integral[p] += 0.5 * h * (a.dl[p] + b.dl[p]);
    yield { step: k + 1, steps, sigma: Math.exp(u + h) };
  }
  const prior = gaussianLogPrior(cur, sigmaMax, dim);
  return prior.map((v, p) => v + integral[p]);
}

/** Drains a generator and returns its result (for callers that need no progress). */
export function finish<T>(run: Generator<unknown, T>): T {
  for (;;) {
    const next = run.next();
    if (next.done) return next.value;
  }
}
