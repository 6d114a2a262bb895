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
  out: Float64Array = new Float64Array(proc.K),
): Float64Array {
  proc.row(0, s, x0, out);
  if (!weighByColumn(out, proc.col(s, t, xt))) {
    throw new Error(`posterior: x_t = ${xt} is unreachable from x₀ = ${x0}`);
  }
  return out;
}

/**
 * out ← out ⊙ col, normalised to sum to 1 (Bayes' rule over x_s). False, with `out` left
 * unnormalised, when the product gives x_t no probability.
 */
function weighByColumn(out: Float64Array, col: ArrayLike<number>): boolean {
  let total = 0;
  for (let k = 0; k < col.length; k++) {
    out[k] *= col[k];
    total += out[k];
  }
  if (!(total > 0)) return false;
  for (let k = 0; k < col.length; k++) out[k] /= total;
  return true;
}

/**
 * How a prediction p̂(x₀ | x_t) makes the reverse step:
 * - 'eq4': D3PM eq. 4, p_θ(x_s | x_t) ∝ Σ_{x̂₀} q(x_s, x_t | x̂₀) p̂(x̂₀ | x_t)
 *   = [Q_{s→t}]_{x_s,x_t} · (p̂ᵀ Q̄_s)_{x_s} (also Hoogeboom et al. 2021's θ_post);
 * - 'mixture': p_θ(x_s | x_t) = Σ_{x̂₀} q(x_s | x_t, x̂₀) p̂(x̂₀ | x_t), the posterior averaged
 *   over the prediction. Given the true p(x₀,l | x_t) this is the true marginal q(x_s,l | x_t),
 *   so the exact denoiser wants it; eq. 4 reweights p̂ by 1/q(x_t | x̂₀) and matches it only
 *   where q(x_t | x̂₀) is the same for every x̂₀ (the absorbing process).
 */
export type ReverseForm = 'eq4' | 'mixture';

/** Retry with the uniform prediction over the data tokens; throw if x_t is unreachable anyway. */
function fallback(
  proc: CategoricalProcess,
  s: number,
  t: number,
  xt: number,
  p0: ArrayLike<number>,
  out: Float64Array,
  form: ReverseForm,
): Float64Array {
  const uniform = new Float64Array(proc.K).fill(1);
  if (proc.mask >= 0) uniform[proc.mask] = 0;
  if (Array.prototype.every.call(p0, (v: number, k: number) => v === uniform[k])) {
    throw new Error(`reverseProbs: x_t = ${xt} at time ${t} is unreachable from time ${s}`);
  }
  return reverseProbs(proc, s, t, xt, uniform, out, form);
}

/**
 * The reverse step of one token; `p0` is p̂(x̂₀ | x_t) over K categories. A prediction that
 * gives x_t no probability (every x̂₀ it names cannot reach x_t, e.g. an unmasked token it
 * rules out) is replaced by the uniform prediction, which on the absorbing process keeps an
 * unmasked token as it is.
 */
export function reverseProbs(
  proc: CategoricalProcess,
  s: number,
  t: number,
  xt: number,
  p0: ArrayLike<number>,
  out: Float64Array = new Float64Array(proc.K),
  form: ReverseForm = 'eq4',
): Float64Array {
  if (form === 'mixture') return mixtureProbs(proc, s, t, xt, p0, out);
  proc.propagate(0, s, p0, out);
  return weighByColumn(out, proc.col(s, t, xt)) ? out : fallback(proc, s, t, xt, p0, out, 'eq4');
}

function mixtureProbs(
  proc: CategoricalProcess,
  s: number,
  t: number,
  xt: number,
  p0: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  const { K } = proc;
  const post = new Float64Array(K);
  out.fill(0);
  let total = 0;
  for (let x0 = 0; x0 < K; x0++) {
    if (!(p0[x0] > 0) || proc.prob(0, t, x0, xt) === 0) continue;
    posterior(proc, s, t, x0, xt, post);
    for (let k = 0; k < K; k++) out[k] += p0[x0] * post[k];
    total += p0[x0];
  }
  if (!(total > 0)) return fallback(proc, s, t, xt, p0, out, 'mixture');
  for (let k = 0; k < K; k++) out[k] /= total;
  return out;
}
