import type { GaussianMixture } from '../denoisers/gaussianMixture';
import { choleskyPsd } from '../denoisers/cholesky';
import type { Dataset } from './types';
import { checkCount, gaussians, uniforms } from './sampling';

/** n points from a mixture (d inferred from the means): pick k by its weight, then μ_k + L_k z. */
export function sampleMixture(m: GaussianMixture, n: number, seed: number): Float64Array {
  checkCount(n);
  const d = m.means[0].length;
  const factors = m.covs.map((c) => choleskyPsd(c));
  const cumulative: number[] = [];
  let total = 0;
  for (const w of m.weights) cumulative.push((total += w));
  const u = uniforms(seed, 0, n);
  const z = gaussians(seed, 1, n * d);
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const target = u[i] * total;
    let k = 0;
    while (k < cumulative.length - 1 && cumulative[k] < target) k++;
    const l = factors[k];
    for (let r = 0; r < d; r++) {
      let v = m.means[k][r];
      for (let c = 0; c <= r; c++) v += l[r * d + c] * z[i * d + c];
      out[i * d + r] = v;
    }
  }
  return out;
}

/** Equal-weight isotropic 2D mixture with per-coordinate variance 1: centres scaled by √(v_c + s²). */
function isotropicMixture(centres: [number, number][], std: number): GaussianMixture {
  let v = 0;
  for (const [x, y] of centres) v += (x * x + y * y) / 2;
  v /= centres.length;
  const scale = Math.sqrt(v + std * std);
  const s2 = (std / scale) ** 2;
  return {
    weights: centres.map(() => 1 / centres.length),
    means: centres.map(([x, y]) => [x / scale, y / scale]),
    covs: centres.map(() => [
      [s2, 0],
      [0, s2],
    ]),
  };
}

function mixtureDataset(id: string, title: string, mixture: GaussianMixture): Dataset {
  return { id, title, mixture, sample: (n, seed) => sampleMixture(mixture, n, seed) };
}

const ringOfEight: [number, number][] = Array.from({ length: 8 }, (_, k) => [
  Math.cos((2 * Math.PI * k) / 8),
  Math.sin((2 * Math.PI * k) / 8),
]);

const gridOf25: [number, number][] = [];
for (let i = -2; i <= 2; i++) for (let j = -2; j <= 2; j++) gridOf25.push([i, j]);

export const gaussians8 = mixtureDataset(
  'gaussians8',
  '8 Gaussians',
  isotropicMixture(ringOfEight, 0.08),
);
export const gaussians25 = mixtureDataset(
  'gaussians25',
  '25 Gaussians',
  isotropicMixture(gridOf25, 0.1),
);
