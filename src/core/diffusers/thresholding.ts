/** Dynamic thresholding of x̂0 (diffusers' `_threshold_sample`, e.g. in scheduling_ddpm.py). */

/** torch.quantile(x, q) (its default interpolation, "linear", between order statistics). */
export function quantile(values: Float64Array, q: number): number {
  const sorted = Float64Array.from(values).sort();
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export interface ThresholdConfig {
  ratio: number;
  sampleMaxValue: number;
}

/**
 * Dynamic thresholding (Saharia et al. 2022, Imagen §2.3), per batch item: s = the
 * `ratio` quantile of |x0|, clamped to [1, sample_max_value]; x0 ← clip(x0, −s, s) / s.
 */
export function thresholdSample(
  x0: Float64Array,
  cfg: ThresholdConfig,
  batchSize = 1,
): Float64Array {
  if (!Number.isInteger(batchSize) || batchSize < 1 || x0.length % batchSize !== 0) {
    throw new Error(
      `thresholdSample: batchSize ${batchSize} does not divide the sample length ${x0.length}`,
    );
  }
  const out = new Float64Array(x0.length);
  const per = x0.length / batchSize;
  for (let b = 0; b < batchSize; b++) {
    const item = x0.subarray(b * per, (b + 1) * per);
    const s = Math.min(Math.max(quantile(item.map(Math.abs), cfg.ratio), 1), cfg.sampleMaxValue);
    for (let i = 0; i < per; i++) out[b * per + i] = Math.min(s, Math.max(-s, item[i])) / s;
  }
  return out;
}
