import type { Denoiser } from '../samplers/types';
import type { DiscreteVPSchedule } from '../schedules/discreteVP';
import { denoisingErrors, type ElboOptions } from './elbo';

/**
 * Optimal K-step timestep subsets of a T-step DDPM (Watson et al. 2021, "Learning to Efficiently
 * Sample from Diffusion Probabilistic Models", §3): the ELBO of a chain that jumps
 * T = τ_K > τ_{K−1} > … > τ_0 = 0 is the prior term plus one term L(t, s) per jump t → s, so the
 * subset minimising it is a shortest path, found by dynamic programming in O(K·T²):
 *   C_1(t) = L(t, 0),   C_k(t) = min_{k−1 ≤ s < t} L(t, s) + C_{k−1}(s),   answer C_K(T).
 */
export interface SubsetResult {
  /** τ_K = T, …, τ_1, τ_0 = 0 (descending, K + 1 entries). */
  path: number[];
  /** Σ L over the path's jumps. */
  cost: number;
}

export function optimalSubset(
  cost: (t: number, s: number) => number,
  T: number,
  K: number,
): SubsetResult {
  if (!(Number.isInteger(T) && Number.isInteger(K) && K >= 1 && K <= T))
    throw new Error(`optimalSubset: need integers 1 ≤ K ≤ T, got K = ${K}, T = ${T}`);
  // best[k][t]: least cost from t down to 0 in k jumps; from[k][t]: the s it jumps to first.
  const best = [Float64Array.from({ length: T + 1 }, (_, t) => (t === 0 ? 0 : Infinity))];
  const from: Int32Array[] = [new Int32Array(T + 1)];
  for (let k = 1; k <= K; k++) {
    const row = new Float64Array(T + 1).fill(Infinity);
    const arg = new Int32Array(T + 1).fill(-1);
    const prev = best[k - 1];
    // Only t = T is needed in the last round.
    for (let t = k === K ? T : k; t <= T; t++) {
      for (let s = k - 1; s < t; s++) {
        const c = prev[s] + cost(t, s);
        if (c < row[t]) {
          row[t] = c;
          arg[t] = s;
        }
      }
    }
    best.push(row);
    from.push(arg);
  }
  const path = [T];
  for (let k = K, t = T; k >= 1; k--) {
    t = from[k][t];
    path.push(t);
  }
  return { path, cost: best[K][T] };
}

/**
 * The jump terms L(t, s) of a discrete VP chain with the model's posterior mean
 * (the DDPM bound's terms, Ho et al. 2020 eq. 5, for a jump t → s; Watson et al. 2021 §3):
 *   s ≥ 1: L = c²·m(t)/(2β̃), c = sqrt(ᾱ_s)·β_{t|s}/(1 − ᾱ_t), β_{t|s} = 1 − ᾱ_t/ᾱ_s,
 *          β̃ = (1 − ᾱ_s)/(1 − ᾱ_t)·β_{t|s} (the posterior q(x_s | x_t, x0) and the model share it);
 *   s = 0: the Gaussian decoder, L = m(t)/(2(1 − ᾱ_t)) + (d/2)·log(2π(1 − ᾱ_t)),
 * where m(t) = E|x0 − x̂0(x_t)|², the denoiser's mean squared error at t (Monte Carlo over the
 * points x0, as ddpmElbo's). With s = t − 1 they are ddpmElbo's L_{t−1} and L_0 exactly.
 */
export function elboJumpCosts(
  denoise: Denoiser<Float64Array>,
  x0: Float64Array,
  schedule: DiscreteVPSchedule,
  options: ElboOptions,
): (t: number, s: number) => number {
  const dim = options.dim ?? 2;
  const T = schedule.numTrainTimesteps;
  const ab = (t: number) => (t === 0 ? 1 : schedule.alphasCumprod[t - 1]);
  const m = new Float64Array(T + 1);
  for (let t = 1; t <= T; t++) {
    const errors = denoisingErrors(denoise, x0, t, Math.sqrt((1 - ab(t)) / ab(t)), options);
    m[t] = errors.reduce((a, b) => a + b, 0) / errors.length;
  }
  return (t, s) => {
    if (s === 0) {
      const v = 1 - ab(t);
      return m[t] / (2 * v) + (dim / 2) * Math.log(2 * Math.PI * v);
    }
    const betaTS = 1 - ab(t) / ab(s);
    const betaTilde = ((1 - ab(s)) / (1 - ab(t))) * betaTS;
    const c = (Math.sqrt(ab(s)) * betaTS) / (1 - ab(t));
    return (c * c * m[t]) / (2 * betaTilde);
  };
}

/** A path's σ grid: the diffusers timesteps τ − 1 of τ_K … τ_1 as σ's, then 0. */
export function subsetSigmas(schedule: DiscreteVPSchedule, path: readonly number[]): number[] {
  return [...path.slice(0, -1).map((t) => schedule.sigma(t - 1)), 0];
}
