import { inverseMills } from '../normal';
import { halfPlaneNormal, signedDistance, type Region } from './region';

/**
 * The box the guided estimate of a network is clipped to: the 2D data sets have unit variance
 * and lie within ±3. At σ ≈ 157 (the DDPM chain's top) a network's Jacobian is not the tiny
 * C/σ² of the data, and the σ²-weighted term sent DDIM runs to infinity within a few steps (as
 * ΠGDM's did on the images, docs/INVERSE.md), so the estimate is clipped like the images' x̂0.
 */
export const GUIDED_RANGE = 4;

/**
 * Reconstruction guidance to a region for a network (DPS, Chung et al. 2023, Algorithm 1,
 * with the constraint x0 ∈ R as the measurement): p(R | x_σ) is approximated at the network's
 * x̂0 = D(x_σ, σ) with the Gaussian posterior N(x̂0, r²I), r² = σ²/(1 + σ²) (ΠGDM's r_t, Song
 * et al. 2023, eq. 5, for data of unit variance), and the region's boundary taken as flat there:
 * p(R | x_σ) ≈ Φ(s(x̂0)/r), s the signed distance (exact for a half-plane under that Gaussian).
 * The guided denoiser is D + ζσ²·J_Dᵀ∇_{x̂0} log Φ(s(x̂0)/r); this returns the cotangent
 * g = ζσ²·λ(s/r)/r·∇s(x̂0) (λ = φ/Φ) that a VJP through the network turns into that term.
 */
export function regionCotangent(
  region: Region,
  x0: ArrayLike<number>,
  sigma: number,
  zeta: number,
): Float64Array {
  const out = new Float64Array(x0.length);
  if (sigma <= 0 || zeta === 0) return out;
  const r = sigma / Math.sqrt(1 + sigma * sigma);
  for (let p = 0; p < x0.length / 2; p++) {
    const a = x0[2 * p];
    const b = x0[2 * p + 1];
    let g: [number, number];
    if (region.kind === 'half') g = halfPlaneNormal(region);
    else {
      const dist = Math.hypot(a - region.cx, b - region.cy);
      g = dist > 0 ? [(region.cx - a) / dist, (region.cy - b) / dist] : [0, 0];
    }
    const w = (zeta * sigma * sigma * inverseMills(signedDistance(region, a, b) / r)) / r;
    out[2 * p] = w * g[0];
    out[2 * p + 1] = w * g[1];
  }
  return out;
}
