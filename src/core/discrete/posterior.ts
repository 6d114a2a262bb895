import type { CategoricalProcess } from './process';

/**
 * The forward posterior q(x_s | x_t, x₀) for s < t (D3PM eq. 3, with the one-step Q_t
 * generalised to Q_{s→t}): q(x_s = k | x_t, x₀) = [Q_{s→t}]_{k,x_t} [Q̄_s]_{x₀,k} / [Q̄_t]_{x₀,x_t}.
 * The denominator equals the numerator's sum over k (Chapman–Kolmogorov); the sum is used, and
 * an x_t that x₀ cannot reach throws.
 */
export function posterior(
  proc: CategoricalProcess,
  s: number,
  t: number,
  x0: number,
  xt: number,
  out = new Float64Array(proc.K),
): Float64Array {
  const col = proc.col(s, t, xt);
  proc.row(0, s, x0, out);
  let total = 0;
  for (let k = 0; k < proc.K; k++) {
    out[k] *= col[k];
    total += out[k];
  }
  if (!(total > 0)) throw new Error(`posterior: x_t = ${xt} is unreachable from x₀ = ${x0}`);
  for (let k = 0; k < proc.K; k++) out[k] /= total;
  return out;
}

/**
 * The x₀-parameterised reverse step of one token (D3PM eq. 4):
 * p_θ(x_s | x_t) ∝ Σ_{x̂₀} q(x_s, x_t | x̂₀) p̂(x̂₀ | x_t) = [Q_{s→t}]_{x_s,x_t} · (p̂ᵀ Q̄_s)_{x_s}.
 * `p0` is p̂(x̂₀ | x_t) over K categories. At s = 0 this is ∝ [Q̄_t]_{x₀,x_t} p̂(x₀).
 */
export function reverseProbs(
  proc: CategoricalProcess,
  s: number,
  t: number,
  xt: number,
  p0: ArrayLike<number>,
  out = new Float64Array(proc.K),
): Float64Array {
  const col = proc.col(s, t, xt);
  proc.propagate(0, s, p0, out);
  let total = 0;
  for (let k = 0; k < proc.K; k++) {
    out[k] *= col[k];
    total += out[k];
  }
  if (!(total > 0)) {
    throw new Error(`reverseProbs: the prediction p̂(x₀ | x_t) gives x_t = ${xt} no probability`);
  }
  for (let k = 0; k < proc.K; k++) out[k] /= total;
  return out;
}

/** reverseProbs for every position of a sequence: x0Probs and the result are L×K row-major. */
export function reverseSequenceProbs(
  proc: CategoricalProcess,
  s: number,
  t: number,
  xt: Int32Array,
  x0Probs: Float64Array,
): Float64Array {
  const { K } = proc;
  const out = new Float64Array(xt.length * K);
  for (let l = 0; l < xt.length; l++) {
    reverseProbs(
      proc,
      s,
      t,
      xt[l],
      x0Probs.subarray(l * K, l * K + K),
      out.subarray(l * K, l * K + K),
    );
  }
  return out;
}
