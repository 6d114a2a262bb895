import { normals, uniformAt } from '../rng';
import { fromLatLon } from '../manifold/sphere';
import { wrap } from '../manifold/torus';

/**
 * Data sets on S² (unit vectors, rows of 3) and T² (angle pairs in [−π, π), rows of 2), seeded.
 * Each draw uses its own streams of core/rng.ts, so a data set is the same on every machine.
 */

export interface VmfComponent {
  weight: number;
  /** Mean direction (normalised on use) and concentration κ > 0. */
  mu: [number, number, number];
  kappa: number;
}

/** The sphere's vMF mixture: three modes of different concentration. */
export const VMF_MIXTURE: readonly VmfComponent[] = [
  { weight: 0.5, mu: [1, 0, 0.3], kappa: 30 },
  { weight: 0.3, mu: [-0.5, 0.8, -0.2], kappa: 12 },
  { weight: 0.2, mu: [0, -0.3, -1], kappa: 60 },
];

/** Mean resultant length of vMF on S²: E⟨x, μ⟩ = coth κ − 1/κ (Mardia & Jupp 2000, eq. 9.3.9). */
export function vmfMeanLength(kappa: number): number {
  return 1 / Math.tanh(kappa) - 1 / kappa;
}

const unit = (v: readonly number[]) => {
  const r = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / r, v[1] / r, v[2] / r];
};

/**
 * n draws of a vMF mixture on S²: the component by its weight, then Wood's (1994) exact sampler
 * for S²: w = 1 + log(u + (1 − u) e^{−2κ})/κ along μ, a uniform direction around it.
 */
export function sampleVmfMixture(
  components: readonly VmfComponent[],
  n: number,
  seed: number,
): Float64Array {
  const out = new Float64Array(3 * n);
  const total = components.reduce((s, c) => s + c.weight, 0);
  for (let i = 0; i < n; i++) {
    let pick = uniformAt(seed, 101, i) * total;
    let c = components[components.length - 1];
    for (const comp of components) {
      if (pick < comp.weight) {
        c = comp;
        break;
      }
      pick -= comp.weight;
    }
    const mu = unit(c.mu);
    const u = uniformAt(seed, 102, i);
    const w = 1 + Math.log(u + (1 - u) * Math.exp(-2 * c.kappa)) / c.kappa;
    const phi = 2 * Math.PI * uniformAt(seed, 103, i);
    // An orthonormal frame (e1, e2) of μ's tangent plane.
    const a = Math.abs(mu[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
    const dot = a[0] * mu[0] + a[1] * mu[1] + a[2] * mu[2];
    const e1 = unit([a[0] - dot * mu[0], a[1] - dot * mu[1], a[2] - dot * mu[2]]);
    const e2 = [
      mu[1] * e1[2] - mu[2] * e1[1],
      mu[2] * e1[0] - mu[0] * e1[2],
      mu[0] * e1[1] - mu[1] * e1[0],
    ];
    const r = Math.sqrt(Math.max(0, 1 - w * w));
    for (let d = 0; d < 3; d++)
      out[3 * i + d] = w * mu[d] + r * (Math.cos(phi) * e1[d] + Math.sin(phi) * e2[d]);
  }
  return out;
}

export interface WrappedNormalComponent {
  weight: number;
  /** Mean angles (radians), standard deviations and correlation of the unwrapped normal. */
  mean: [number, number];
  sd: [number, number];
  rho: number;
}

const deg = (a: number) => (a * Math.PI) / 180;

/** Four modes on T², one of them across the wrap (at ±π in the first angle). */
export const WRAPPED_MIXTURE: readonly WrappedNormalComponent[] = [
  { weight: 0.3, mean: [-1.5, -1.5], sd: [0.3, 0.3], rho: 0 },
  { weight: 0.3, mean: [1.5, 1.2], sd: [0.4, 0.2], rho: 0.5 },
  { weight: 0.2, mean: [3.0, -0.5], sd: [0.35, 0.35], rho: 0 },
  { weight: 0.2, mean: [0, 2.8], sd: [0.25, 0.5], rho: -0.4 },
];

/**
 * A Ramachandran-like toy set of backbone dihedral angles (φ, ψ): the right-handed α-helix
 * (−63°, −43°), the β-sheet region (−120°, 130°) spreading across ψ = ±180°, polyproline II
 * (−75°, 145°) and the left-handed helix (57°, 47°), as correlated wrapped normals (positions from
 * Lovell et al. 2003's favoured regions; widths chosen to look like them, not fitted).
 */
export const DIHEDRAL_MIXTURE: readonly WrappedNormalComponent[] = [
  { weight: 0.45, mean: [deg(-63), deg(-43)], sd: [deg(12), deg(14)], rho: -0.5 },
  { weight: 0.25, mean: [deg(-120), deg(130)], sd: [deg(20), deg(22)], rho: -0.3 },
  { weight: 0.2, mean: [deg(-75), deg(145)], sd: [deg(10), deg(18)], rho: 0 },
  { weight: 0.1, mean: [deg(57), deg(47)], sd: [deg(10), deg(12)], rho: 0 },
];

/** n draws of a mixture of wrapped (correlated) normals on T². */
export function sampleWrappedMixture(
  components: readonly WrappedNormalComponent[],
  n: number,
  seed: number,
): Float64Array {
  const out = new Float64Array(2 * n);
  const z = normals(seed, 104, 2 * n);
  const total = components.reduce((s, c) => s + c.weight, 0);
  for (let i = 0; i < n; i++) {
    let pick = uniformAt(seed, 105, i) * total;
    let c = components[components.length - 1];
    for (const comp of components) {
      if (pick < comp.weight) {
        c = comp;
        break;
      }
      pick -= comp.weight;
    }
    const a = z[2 * i];
    const b = c.rho * a + Math.sqrt(1 - c.rho * c.rho) * z[2 * i + 1];
    out[2 * i] = wrap(c.mean[0] + c.sd[0] * a);
    out[2 * i + 1] = wrap(c.mean[1] + c.sd[1] * b);
  }
  return out;
}

/** A city: latitude and longitude in degrees and population. */
export interface City {
  lat: number;
  lon: number;
  population: number;
}

/**
 * Parses public/data/cities.json ({ columns: ["lat","lon","population"], rows: [[…], …] }) with
 * messages naming the bad row.
 */
export function parseCities(text: string): City[] {
  const json = JSON.parse(text) as { rows?: unknown };
  if (!Array.isArray(json.rows)) throw new Error('cities: no "rows" array');
  return json.rows.map((row: unknown, i) => {
    if (!Array.isArray(row) || row.length < 3 || !row.every((v) => typeof v === 'number'))
      throw new Error(`cities: row ${i} is not [lat, lon, population]`);
    const [lat, lon, population] = row as number[];
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180 || population < 0)
      throw new Error(`cities: row ${i} (${lat}, ${lon}, ${population}) is out of range`);
    return { lat, lon, population };
  });
}

/**
 * The cities as unit vectors: all of them once (`weighted` false), or `n` draws with replacement
 * in proportion to population (seeded), so that every model sees an unweighted point set.
 */
export function citiesOnSphere(
  cities: readonly City[],
  weighted: boolean,
  n: number,
  seed: number,
) {
  const pick = (j: number, out: Float64Array, i: number) =>
    out.set(fromLatLon(cities[j].lat, cities[j].lon), 3 * i);
  if (!weighted) {
    const out = new Float64Array(3 * cities.length);
    cities.forEach((_, j) => pick(j, out, j));
    return out;
  }
  const cumulative = new Float64Array(cities.length);
  let total = 0;
  cities.forEach((c, j) => (cumulative[j] = total += c.population));
  const out = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const u = uniformAt(seed, 106, i) * total;
    let lo = 0;
    let hi = cities.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    pick(lo, out, i);
  }
  return out;
}
