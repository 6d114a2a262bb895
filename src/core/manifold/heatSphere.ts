import { arcOfCos, thetaOverSin } from './sphere';

/**
 * The heat kernel of S² for Brownian motion with generator ½Δ (so that on R² it would be
 * N(0, t I)), as a density w.r.t. area (total 4π), a function of c = cos θ between the points.
 *
 * Series (spherical harmonics' addition theorem; e.g. Grigor'yan, Heat Kernel and Analysis on
 * Manifolds, Ex. 10.4; De Bortoli et al. 2022, RSGM, eq. (8)):
 *   p_t(c) = Σ_l (2l + 1)/(4π) e^{−l(l+1)t/2} P_l(c).
 * Truncated after L terms: since |P_l| ≤ 1, the tail is below
 *   ∫_L^∞ (2x + 1)/(4π) e^{−x(x+1)t/2} dx = e^{−L(L+1)t/2} / (2π t),
 * and L is the least with that bound under SERIES_TOL.
 *
 * Varadhan / Minakshisundaram–Pleijel leading term (Molchanov 1975; Varadhan 1967):
 *   p_t(θ) ≈ (2π t)^{-1} √(θ / sin θ) e^{−θ²/(2t)} e^{t/6}
 * (the last factor is the curvature term e^{Rt/12} of the diagonal expansion, R = 2),
 * exact as t → 0 away from the antipode. heatSphere uses the series for t ≥ VARADHAN_BELOW and the
 * approximation below it, where the series needs hundreds of terms; there both agree to 1e-4
 * relative within θ ≤ 2π/3 (heat.test.ts checks it).
 */
export const SERIES_TOL = 1e-13;
export const VARADHAN_BELOW = 0.02;

/** Terms of the truncated series at time t (the least L with the tail bound under SERIES_TOL). */
export function seriesTerms(t: number): number {
  const need = (2 / t) * Math.log(1 / (2 * Math.PI * t * SERIES_TOL));
  return Math.max(2, Math.ceil((-1 + Math.sqrt(1 + 4 * Math.max(need, 0))) / 2) + 1);
}

/** The series' coefficients (2l + 1)/(4π) e^{−l(l+1)t/2}, l < terms. */
export function seriesCoefficients(t: number, terms = seriesTerms(t)): Float64Array {
  return Float64Array.from(
    { length: terms },
    (_, l) => ((2 * l + 1) / (4 * Math.PI)) * Math.exp((-l * (l + 1) * t) / 2),
  );
}

/** The series and its derivative in c (∂p/∂c), by the Legendre recurrences. */
export function heatSeries(t: number, c: number, coef = seriesCoefficients(t)): [number, number] {
  let p0 = 1; // P_{l-1}
  let p1 = c; // P_l
  let d0 = 0; // P'_{l-1}
  let d1 = 1; // P'_l
  let sum = coef[0];
  let dsum = 0;
  for (let l = 1; l < coef.length; l++) {
    sum += coef[l] * p1;
    dsum += coef[l] * d1;
    // (l+1)P_{l+1} = (2l+1)c P_l − l P_{l−1};  P'_{l+1} = P'_{l−1} + (2l+1) P_l
    const p2 = ((2 * l + 1) * c * p1 - l * p0) / (l + 1);
    const d2 = d0 + (2 * l + 1) * p1;
    p0 = p1;
    p1 = p2;
    d0 = d1;
    d1 = d2;
  }
  return [sum, dsum];
}

/** log of the Varadhan approximation at angle θ. */
export function logVaradhan(t: number, theta: number): number {
  return (
    -Math.log(2 * Math.PI * t) +
    0.5 * Math.log(thetaOverSin(theta)) -
    (theta * theta) / (2 * t) +
    t / 6
  );
}

/**
 * d/dθ of logVaradhan: −θ/t + ½(1/θ − cot θ), the second term's series θ/3 + θ³/45 near 0.
 */
export function dLogVaradhan(t: number, theta: number): number {
  const g = theta < 1e-3 ? theta / 3 + theta ** 3 / 45 : 1 / theta - 1 / Math.tan(theta);
  return -theta / t + 0.5 * g;
}

/** log p_t at angle cos θ = c, by the series or (t < VARADHAN_BELOW) the approximation. */
export function logHeatSphere(t: number, c: number): number {
  return direct(t, arcOfCos(c), t < VARADHAN_BELOW ? null : seriesCoefficients(t))[0];
}

/** Points of KernelTable's grid in θ ∈ [0, π]. */
export const TABLE_POINTS = 4096;

/**
 * log k_t and the score coefficient κ(θ) = −(d/dθ log k_t)/sin θ (so ∇_x log k_t(x, y) =
 * κ(θ)(y − ⟨x, y⟩x)) at one t, by the series where it clears 1e-9 and the Varadhan term elsewhere
 * (or everywhere below VARADHAN_BELOW), tabulated on TABLE_POINTS angles and read by linear
 * interpolation: the exact score's cost per pair of points then no longer grows with the series'
 * length. The table's error against the direct evaluation is measured in exact.test.ts.
 */
export class KernelTable {
  readonly logK = new Float64Array(TABLE_POINTS + 1);
  readonly coef = new Float64Array(TABLE_POINTS + 1);
  constructor(readonly t: number) {
    const series = t < VARADHAN_BELOW ? null : seriesCoefficients(t);
    for (let j = 0; j <= TABLE_POINTS; j++) {
      const theta = (Math.PI * j) / TABLE_POINTS;
      const [lk, k] = direct(t, theta, series);
      this.logK[j] = lk;
      this.coef[j] = k;
    }
  }

  /** [log k_t, κ] at cos θ = c. */
  at(c: number): [number, number] {
    const u = (arcOfCos(c) / Math.PI) * TABLE_POINTS;
    const j = Math.min(TABLE_POINTS - 1, Math.floor(u));
    const f = u - j;
    return [
      this.logK[j] + f * (this.logK[j + 1] - this.logK[j]),
      this.coef[j] + f * (this.coef[j + 1] - this.coef[j]),
    ];
  }
}

/** [log k_t(θ), κ(θ)] evaluated directly (the series' coefficients, or null for Varadhan). */
export function direct(t: number, theta: number, series: Float64Array | null): [number, number] {
  const c = Math.cos(theta);
  if (series) {
    const [p, dp] = heatSeries(t, c, series);
    if (p > 1e-9) return [Math.log(p), dp / p];
  }
  const k =
    theta < 1e-8
      ? 1 / t - 1 / 6
      : theta > Math.PI - 1e-6
        ? 0
        : -dLogVaradhan(t, theta) / Math.sin(theta);
  return [logVaradhan(t, theta), k];
}
