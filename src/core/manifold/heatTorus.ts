/**
 * The heat kernel of the circle R/2πZ for generator ½Δ: the wrapped normal
 *   p_t(δ) = Σ_k (2π t)^{-1/2} e^{−(δ + 2πk)²/(2t)},  δ ∈ [−π, π),
 * and on T² the product over the two angles (De Bortoli et al. 2022, RSGM, §4; Jing et al. 2022,
 * torsional diffusion, eq. (4)). Truncation to |k| ≤ K: every dropped term has |δ + 2πk| ≥
 * (2K + 1)π, so the tail is below 2 Σ_{j>K} (2πt)^{-1/2} e^{−((2j−1)π)²/(2t)}, under
 * WRAP_TOL·p_t(π) for the K of wrapTerms (the ratio is bounded by a geometric series).
 */
export const WRAP_TOL = 1e-15;

/** K: the least with (4/(1 − q)) e^{−((2K+1)² − 1)π²/(2t)} < WRAP_TOL, q = e^{−4π²/t} ≤ 1/2. */
export function wrapTerms(t: number): number {
  for (let k = 0; ; k++) {
    const ratio = 8 * Math.exp((-((2 * k + 1) ** 2 - 1) * Math.PI * Math.PI) / (2 * t));
    if (ratio < WRAP_TOL || k > 200) return k;
  }
}

/** The wrapped normal density at δ and its derivative in δ. */
export function wrappedNormal(t: number, delta: number, terms = wrapTerms(t)): [number, number] {
  const norm = 1 / Math.sqrt(2 * Math.PI * t);
  let p = 0;
  let dp = 0;
  for (let k = -terms; k <= terms; k++) {
    const u = delta + 2 * Math.PI * k;
    const e = norm * Math.exp((-u * u) / (2 * t));
    p += e;
    dp -= (u / t) * e;
  }
  return [p, dp];
}
