/**
 * Row-wise softmax of n rows of k logits (log-sum-exp shifted, so large logits do not overflow).
 */
export function softmaxRows(logits: ArrayLike<number>, n: number, k: number): Float64Array {
  if (logits.length !== n * k)
    throw new Error(`softmaxRows: ${logits.length} values for ${n}×${k}`);
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let j = 0; j < k; j++) max = Math.max(max, logits[i * k + j]);
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const e = Math.exp(logits[i * k + j] - max);
      out[i * k + j] = e;
      sum += e;
    }
    for (let j = 0; j < k; j++) out[i * k + j] /= sum;
  }
  return out;
}

/**
 * Inception score (Salimans et al. 2016, §4): exp(E_x KL(p(y|x) ‖ p(y))) with p(y) the mean of
 * the rows. 1 when every sample gets the same class distribution; k when the samples are
 * confidently and evenly spread over k classes. `probs` holds n rows of k class probabilities.
 */
export function inceptionScore(probs: ArrayLike<number>, n: number, k: number): number {
  if (probs.length !== n * k)
    throw new Error(`inceptionScore: ${probs.length} values for ${n}×${k}`);
  if (n < 1) throw new Error('inceptionScore: no samples');
  const marginal = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) marginal[j] += probs[i * k + j] / n;
  let kl = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const p = probs[i * k + j];
      if (p > 0) kl += (p * Math.log(p / marginal[j])) / n;
    }
  }
  return Math.exp(kl);
}
