import type { CategoricalProcess } from './process';

/** A weighted set of training sequences of length L (tokens row-major, n·L). */
export interface SequenceSet {
  L: number;
  tokens: Int32Array;
  /** Unnormalised weights, one per sequence (all 1 when absent). */
  weights?: Float64Array;
}

/** Infilling constraints: `fixed[l]` is the token x₀_l must equal, or −1 where free. */
export type FixedTokens = Int32Array;

export type DiscreteDenoiser = (xt: Int32Array, t: number) => Float64Array;

export function sequenceCount(data: SequenceSet): number {
  const n = data.tokens.length / data.L;
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`sequence set: ${data.tokens.length} tokens is not a positive multiple of L`);
  }
  if (data.weights && data.weights.length !== n) {
    throw new Error(`sequence set: ${data.weights.length} weights for ${n} sequences`);
  }
  return n;
}

/**
 * The exact denoiser of a training set: the empirical posterior
 * p(x₀ = n | x_t) ∝ w_n Π_l [Q̄_t]_{x₀_{n,l}, x_t,l} (computed in log space), marginalised per
 * position into L×K probabilities. Fixed positions (infilling) condition on x₀_l = fixed[l]
 * instead: their x_t is the fixed token itself, not a draw from q(x_t | x₀).
 * When no sequence is consistent with x_t and the fixed tokens (every one has a zero factor),
 * the posterior falls back to the sequences with the fewest zero factors, weighted by the
 * product of their other factors: a defined answer for inputs off the training support.
 */
export function exactDenoiser(
  proc: CategoricalProcess,
  data: SequenceSet,
  fixed?: FixedTokens,
): DiscreteDenoiser {
  const { K } = proc;
  const { L, tokens } = data;
  const n = sequenceCount(data);
  for (let i = 0; i < tokens.length; i++) {
    if (!(tokens[i] >= 0 && tokens[i] < K) || tokens[i] === proc.mask) {
      throw new Error(
        `exact denoiser: token ${tokens[i]} at ${i} is not a data token of 0..${K - 1}`,
      );
    }
  }
  if (fixed && fixed.length !== L)
    throw new Error(`exact denoiser: fixed has length ${fixed.length}, not L = ${L}`);
  const logW = new Float64Array(n);
  for (let j = 0; j < n; j++) logW[j] = Math.log(data.weights ? data.weights[j] : 1);
  let cachedT = NaN;
  const logQ = new Float64Array(K * K);
  const zeros = new Int32Array(n);
  const score = new Float64Array(n);
  return (xt, t) => {
    if (xt.length !== L)
      throw new Error(`exact denoiser: x_t has length ${xt.length}, not L = ${L}`);
    if (t !== cachedT) {
      for (let i = 0; i < K; i++) {
        const row = proc.row(0, t, i);
        for (let j = 0; j < K; j++) logQ[i * K + j] = Math.log(row[j]);
      }
      cachedT = t;
    }
    let fewest = Infinity;
    for (let j = 0; j < n; j++) {
      let z = 0;
      let s = logW[j];
      for (let l = 0; l < L; l++) {
        const x0 = tokens[j * L + l];
        if (fixed && fixed[l] >= 0) {
          if (fixed[l] !== x0) z++;
          continue;
        }
        const lq = logQ[x0 * K + xt[l]];
        if (lq === -Infinity) z++;
        else s += lq;
      }
      zeros[j] = z;
      score[j] = s;
      if (z < fewest) fewest = z;
    }
    let best = -Infinity;
    for (let j = 0; j < n; j++) if (zeros[j] === fewest && score[j] > best) best = score[j];
    const out = new Float64Array(L * K);
    let total = 0;
    for (let j = 0; j < n; j++) {
      if (zeros[j] !== fewest) continue;
      const p = Math.exp(score[j] - best);
      total += p;
      for (let l = 0; l < L; l++) out[l * K + tokens[j * L + l]] += p;
    }
    for (let i = 0; i < out.length; i++) out[i] /= total;
    return out;
  };
}
