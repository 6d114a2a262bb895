import type { Denoiser } from '../samplers/types';
import { type AnalyticModel, checkState } from './analytic';

/**
 * Terms more than this many nats below the largest are skipped: with at most
 * e^27 ≈ 5·10¹¹ points their total relative weight stays below e⁻⁴⁰ ≈ 4·10⁻¹⁸, under
 * float64 resolution, and the comparison is much cheaper than the exponential.
 */
const NEGLIGIBLE_LOG_WEIGHT = 67;

/**
 * The empirical data distribution (1/N) Σ δ(x − x_i): its noised marginal at σ is the mixture
 * (1/N) Σ N(x_i, σ²I), and the optimal denoiser is the softmax-weighted average
 *   D(x, σ) = Σ_i w_i x_i,  w_i ∝ exp(−|x − x_i|² / 2σ²).
 * Each query takes two passes: the nearest squared distance, then weights exp(−(d² − d²_min)/2σ²)
 * ≤ 1 (log-sum-exp), so tiny σ neither under- nor overflows and the nearest point always has
 * weight 1; at σ = 0 the denoiser returns the nearest data point (the σ → 0 limit).
 */
export function empiricalModel(data: Float64Array, dim = 2): AnalyticModel {
  if (!Number.isInteger(dim) || dim < 1)
    throw new Error(`empirical: dim must be a positive integer, got ${dim}`);
  if (data.length === 0 || data.length % dim !== 0)
    throw new Error(
      `empirical: data length ${data.length} is not a positive multiple of dim ${dim}`,
    );
  const points = Float64Array.from(data);
  const count = points.length / dim;

  /** Writes D(x, σ) into `mean` (when given) and log Σ_i exp(−|x − x_i|²/2σ²) into `lse` (when given). */
  function scan(
    x: Float64Array,
    sigma: number,
    mean: Float64Array | null,
    lse: Float64Array | null,
  ): void {
    const n = checkState(x, dim, sigma);
    const inv = 1 / (2 * sigma * sigma);
    // σ = 0, or σ so small that σ² underflows: the σ → 0 limit.
    if (!Number.isFinite(inv)) {
      if (lse) throw new Error(`empirical: the log-density needs σ² > 0, got σ = ${sigma}`);
      if (mean) nearest(x, n, mean);
      return;
    }
    if (dim === 2) scan2d(x, n, inv, mean, lse);
    else scanGeneral(x, n, inv, mean, lse);
  }

  function scan2d(
    x: Float64Array,
    n: number,
    inv: number,
    mean: Float64Array | null,
    lse: Float64Array | null,
  ) {
    for (let q = 0; q < n; q++) {
      const qx = x[2 * q];
      const qy = x[2 * q + 1];
      let nearest2 = Infinity;
      for (let i = 0; i < count; i++) {
        const dx = qx - points[2 * i];
        const dy = qy - points[2 * i + 1];
        const d2 = dx * dx + dy * dy;
        if (d2 < nearest2) nearest2 = d2;
      }
      let total = 0;
      let ax = 0;
      let ay = 0;
      for (let i = 0; i < count; i++) {
        const px = points[2 * i];
        const py = points[2 * i + 1];
        const dx = qx - px;
        const dy = qy - py;
        const t = (dx * dx + dy * dy - nearest2) * inv;
        if (t < NEGLIGIBLE_LOG_WEIGHT) {
          const w = Math.exp(-t);
          total += w;
          ax += w * px;
          ay += w * py;
        }
      }
      if (mean) {
        mean[2 * q] = ax / total;
        mean[2 * q + 1] = ay / total;
      }
      if (lse) lse[q] = -nearest2 * inv + Math.log(total);
    }
  }

  function scanGeneral(
    x: Float64Array,
    n: number,
    inv: number,
    mean: Float64Array | null,
    lse: Float64Array | null,
  ) {
    const acc = new Float64Array(dim);
    const dist2 = new Float64Array(count);
    for (let q = 0; q < n; q++) {
      const base = q * dim;
      let nearest2 = Infinity;
      for (let i = 0; i < count; i++) {
        let d2 = 0;
        for (let c = 0; c < dim; c++) {
          const diff = x[base + c] - points[i * dim + c];
          d2 += diff * diff;
        }
        dist2[i] = d2;
        if (d2 < nearest2) nearest2 = d2;
      }
      let total = 0;
      acc.fill(0);
      for (let i = 0; i < count; i++) {
        const t = (dist2[i] - nearest2) * inv;
        if (t < NEGLIGIBLE_LOG_WEIGHT) {
          const w = Math.exp(-t);
          total += w;
          for (let c = 0; c < dim; c++) acc[c] += w * points[i * dim + c];
        }
      }
      if (mean) for (let c = 0; c < dim; c++) mean[base + c] = acc[c] / total;
      if (lse) lse[q] = -nearest2 * inv + Math.log(total);
    }
  }

  function nearest(x: Float64Array, n: number, out: Float64Array): void {
    for (let q = 0; q < n; q++) {
      let bestDist = Infinity;
      let bestIndex = 0;
      for (let i = 0; i < count; i++) {
        let d2 = 0;
        for (let c = 0; c < dim; c++) d2 += (x[q * dim + c] - points[i * dim + c]) ** 2;
        if (d2 < bestDist) {
          bestDist = d2;
          bestIndex = i;
        }
      }
      for (let c = 0; c < dim; c++) out[q * dim + c] = points[bestIndex * dim + c];
    }
  }

  const denoise: Denoiser<Float64Array> = (x, sigma) => {
    const out = new Float64Array(x.length);
    scan(x, sigma, out, null);
    return out;
  };

  return {
    dim,
    denoise,
    score(x, sigma) {
      if (!(sigma > 0)) throw new Error(`empirical: the score needs σ > 0, got ${sigma}`);
      const out = denoise(x, sigma);
      const inv = 1 / (sigma * sigma);
      for (let i = 0; i < out.length; i++) out[i] = (out[i] - x[i]) * inv;
      return out;
    },
    logDensity(x, sigma) {
      const out = new Float64Array(checkState(x, dim, sigma));
      scan(x, sigma, null, out);
      // log p_σ(x) = log Σ exp(−|x − x_i|²/2σ²) − log N − (d/2) log(2πσ²)
      const shift = Math.log(count) + (dim / 2) * Math.log(2 * Math.PI * sigma * sigma);
      for (let i = 0; i < out.length; i++) out[i] -= shift;
      return out;
    },
  };
}

/** The optimal denoiser for a finite point set (flat, n points × dim). */
export function empiricalDenoiser(data: Float64Array, dim = 2): Denoiser<Float64Array> {
  return empiricalModel(data, dim).denoise;
}
