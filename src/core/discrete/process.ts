import type { DiscreteSchedule } from './schedules';

/**
 * Categorical forward processes q(x_t | x_{t−1}) = Cat(x_t; x_{t−1} Q_t), applied to every
 * token independently (Austin et al. 2021, D3PM, §3). Matrices follow D3PM's convention:
 * [Q]_ij = q(x_t = j | x_{t−1} = i), rows sum to 1. Q_{s→t} = Q_{s+1}⋯Q_t is the transition
 * from time s to time t (s ≤ t), so Q̄_t = Q_{0→t} (D3PM eq. 2) and Q_t = Q_{t−1→t}.
 */
export interface CategoricalProcess {
  kind: 'uniform' | 'absorbing' | 'gaussian';
  /** Number of categories, the mask state included for the absorbing process. */
  K: number;
  /** Index of the mask state (absorbing), −1 otherwise. */
  mask: number;
  schedule: DiscreteSchedule;
  /** Row i of Q_{s→t}: q(x_t = · | x_s = i). */
  row(s: number, t: number, i: number, out?: Float64Array): Float64Array;
  /** Column j of Q_{s→t}: q(x_t = j | x_s = ·). */
  col(s: number, t: number, j: number, out?: Float64Array): Float64Array;
  /** pᵀ Q_{s→t}: the distribution at t of a token distributed as p at s. */
  propagate(s: number, t: number, p: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** [Q_{s→t}]_ij. */
  prob(s: number, t: number, i: number, j: number): number;
  /** The limit distribution p(x_T) that the ELBO's prior term compares against. */
  prior(): Float64Array;
}

function checkTimes(sched: DiscreteSchedule, s: number, t: number, who: string): void {
  if (!(s >= 0 && s <= t && t <= sched.T)) {
    throw new Error(`${who}: need 0 ≤ s ≤ t ≤ ${sched.T}, got s = ${s}, t = ${t}`);
  }
}

/** Probability that a token is untouched from s to t: ᾱ(t)/ᾱ(s) (0 once ᾱ(s) = 0). */
function keep(sched: DiscreteSchedule, s: number, t: number): number {
  if (s === t) return 1;
  const a = sched.alphaBar(s);
  return a > 0 ? sched.alphaBar(t) / a : 0;
}

function checkK(K: number, who: string): void {
  if (!Number.isInteger(K) || K < 2) throw new Error(`${who}: K must be an integer ≥ 2, got ${K}`);
}

/**
 * Uniform process (D3PM App. A.2.1; multinomial diffusion, Hoogeboom et al. 2021, §4):
 * Q_t = (1 − β_t) I + β_t 11ᵀ/K, and in closed form Q_{s→t} = a I + (1 − a) 11ᵀ/K with
 * a = ᾱ_t/ᾱ_s. No K×K matrix is formed. Times may be real (through the continuous ᾱ).
 */
export function uniformProcess(K: number, schedule: DiscreteSchedule): CategoricalProcess {
  checkK(K, 'uniform process');
  const prob = (s: number, t: number, i: number, j: number) => {
    checkTimes(schedule, s, t, 'uniform process');
    const a = keep(schedule, s, t);
    return (i === j ? a : 0) + (1 - a) / K;
  };
  const row = (s: number, t: number, i: number, out = new Float64Array(K)) => {
    checkTimes(schedule, s, t, 'uniform process');
    const a = keep(schedule, s, t);
    out.fill((1 - a) / K);
    out[i] += a;
    return out;
  };
  return {
    kind: 'uniform',
    K,
    mask: -1,
    schedule,
    row,
    col: row,
    prob,
    propagate(s, t, p, out = new Float64Array(K)) {
      checkTimes(schedule, s, t, 'uniform process');
      const a = keep(schedule, s, t);
      let total = 0;
      for (let k = 0; k < K; k++) total += p[k];
      for (let k = 0; k < K; k++) out[k] = a * p[k] + ((1 - a) * total) / K;
      return out;
    },
    prior: () => new Float64Array(K).fill(1 / K),
  };
}

/**
 * Absorbing (mask) process (D3PM App. A.2.2; MDLM, Sahoo et al. 2024, §3.1): Q_t =
 * (1 − β_t) I + β_t 1 e_mᵀ, closed form Q_{s→t} = a I + (1 − a) 1 e_mᵀ with a = ᾱ_t/ᾱ_s;
 * the mask state m is absorbing. K counts the mask (data tokens 0..K−1 other than m).
 */
export function absorbingProcess(
  K: number,
  schedule: DiscreteSchedule,
  mask = K - 1,
): CategoricalProcess {
  checkK(K, 'absorbing process');
  if (!Number.isInteger(mask) || mask < 0 || mask >= K) {
    throw new Error(`absorbing process: mask index ${mask} outside 0..${K - 1}`);
  }
  const prob = (s: number, t: number, i: number, j: number) => {
    checkTimes(schedule, s, t, 'absorbing process');
    if (i === mask) return j === mask ? 1 : 0;
    const a = keep(schedule, s, t);
    return (i === j ? a : 0) + (j === mask ? 1 - a : 0);
  };
  return {
    kind: 'absorbing',
    K,
    mask,
    schedule,
    prob,
    row(s, t, i, out = new Float64Array(K)) {
      for (let j = 0; j < K; j++) out[j] = prob(s, t, i, j);
      return out;
    },
    col(s, t, j, out = new Float64Array(K)) {
      for (let i = 0; i < K; i++) out[i] = prob(s, t, i, j);
      return out;
    },
    propagate(s, t, p, out = new Float64Array(K)) {
      checkTimes(schedule, s, t, 'absorbing process');
      const a = keep(schedule, s, t);
      let moved = 0;
      for (let k = 0; k < K; k++) {
        if (k === mask) continue;
        out[k] = a * p[k];
        moved += (1 - a) * p[k];
      }
      out[mask] = p[mask] + moved;
      return out;
    },
    prior: () => {
      const out = new Float64Array(K);
      out[mask] = 1;
      return out;
    },
  };
}

/**
 * One-step matrix of the discretized Gaussian process (D3PM App. A.2.3): for i ≠ j,
 * [Q_t]_ij = exp(−4(i − j)²/((K − 1)²β_t)) / Σ_{n=−(K−1)}^{K−1} exp(−4n²/((K − 1)²β_t)),
 * and the diagonal takes the rest of each row. Q_t is symmetric, hence doubly stochastic, so
 * the stationary distribution is uniform.
 */
export function gaussianStepMatrix(K: number, beta: number): Float64Array {
  const Q = new Float64Array(K * K);
  if (beta <= 0) {
    for (let i = 0; i < K; i++) Q[i * K + i] = 1;
    return Q;
  }
  const scale = 4 / ((K - 1) * (K - 1) * beta);
  let norm = 0;
  for (let n = -(K - 1); n <= K - 1; n++) norm += Math.exp(-scale * n * n);
  for (let i = 0; i < K; i++) {
    let off = 0;
    for (let j = 0; j < K; j++) {
      if (j === i) continue;
      Q[i * K + j] = Math.exp(-scale * (i - j) * (i - j)) / norm;
      off += Q[i * K + j];
    }
    Q[i * K + i] = 1 - off;
  }
  return Q;
}

function matmul(A: Float64Array, B: Float64Array, K: number): Float64Array {
  const C = new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    for (let k = 0; k < K; k++) {
      const a = A[i * K + k];
      if (a === 0) continue;
      for (let j = 0; j < K; j++) C[i * K + j] += a * B[k * K + j];
    }
  }
  return C;
}

/** Most matrices Q_{s→t} the Gaussian process keeps (K² floats each); the cache is then reset. */
const GAUSSIAN_CACHE_LIMIT = 4096;

/**
 * Discretized Gaussian process for K ordinal levels (D3PM App. A.2.3). Its Q̄_t has no simple
 * closed form: Q_{s→t} is the numerical product Q_{s+1}⋯Q_t, built one step at a time and
 * cached (every Q_{s→r}, s < r ≤ t, on the way). Times must be integers.
 */
export function gaussianProcess(K: number, schedule: DiscreteSchedule): CategoricalProcess {
  checkK(K, 'gaussian process');
  const cache = new Map<number, Float64Array>();
  const identity = gaussianStepMatrix(K, 0);
  const matrix = (s: number, t: number): Float64Array => {
    checkTimes(schedule, s, t, 'gaussian process');
    if (!Number.isInteger(s) || !Number.isInteger(t)) {
      throw new Error(`gaussian process: times must be integers, got s = ${s}, t = ${t}`);
    }
    if (s === t) return identity;
    const key = s * (schedule.T + 1) + t;
    const hit = cache.get(key);
    if (hit) return hit;
    if (cache.size > GAUSSIAN_CACHE_LIMIT) cache.clear();
    let r = t - 1;
    while (r > s && !cache.has(s * (schedule.T + 1) + r)) r--;
    let M = r === s ? identity : cache.get(s * (schedule.T + 1) + r)!;
    for (r = r + 1; r <= t; r++) {
      M = matmul(M, gaussianStepMatrix(K, schedule.betas[r]), K);
      cache.set(s * (schedule.T + 1) + r, M);
    }
    return M;
  };
  return {
    kind: 'gaussian',
    K,
    mask: -1,
    schedule,
    prob: (s, t, i, j) => matrix(s, t)[i * K + j],
    row(s, t, i, out = new Float64Array(K)) {
      out.set(matrix(s, t).subarray(i * K, i * K + K));
      return out;
    },
    col(s, t, j, out = new Float64Array(K)) {
      const M = matrix(s, t);
      for (let i = 0; i < K; i++) out[i] = M[i * K + j];
      return out;
    },
    propagate(s, t, p, out = new Float64Array(K)) {
      const M = matrix(s, t);
      out.fill(0);
      for (let i = 0; i < K; i++) {
        if (p[i] === 0) continue;
        for (let j = 0; j < K; j++) out[j] += p[i] * M[i * K + j];
      }
      return out;
    },
    prior: () => new Float64Array(K).fill(1 / K),
  };
}

/** The dense K×K matrix Q_{s→t} (row-major), for views and tests. */
export function transitionMatrix(proc: CategoricalProcess, s: number, t: number): Float64Array {
  const { K } = proc;
  const M = new Float64Array(K * K);
  for (let i = 0; i < K; i++) proc.row(s, t, i, M.subarray(i * K, i * K + K));
  return M;
}
