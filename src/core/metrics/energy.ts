import { distance, pointCount } from './points';

function meanDistance(a: Float64Array, b: Float64Array, dim: number): number {
  const [na, nb] = [a.length / dim, b.length / dim];
  let s = 0;
  for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++) s += distance(a, i, b, j, dim);
  return s / (na * nb);
}

/**
 * Energy distance (Székely & Rizzo), D² = 2E|X − Y| − E|X − X'| − E|Y − Y'|, as the V-statistic
 * over all pairs (self-pairs included), which is ≥ 0 and exactly 0 for identical samples.
 * O(n·m) distances.
 */
export function energyDistance(a: Float64Array, b: Float64Array, dim = 2): number {
  pointCount(a, dim, 'energyDistance (a)');
  pointCount(b, dim, 'energyDistance (b)');
  return 2 * meanDistance(a, b, dim) - meanDistance(a, a, dim) - meanDistance(b, b, dim);
}
