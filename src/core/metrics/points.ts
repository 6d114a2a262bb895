/** Validates a flat point set (n points × dim) and returns n. */
export function pointCount(points: Float64Array, dim: number, name: string): number {
  if (!Number.isInteger(dim) || dim < 1)
    throw new Error(`${name}: dim must be a positive integer, got ${dim}`);
  if (points.length === 0 || points.length % dim !== 0)
    throw new Error(`${name}: length ${points.length} is not a positive multiple of dim ${dim}`);
  return points.length / dim;
}

/** Euclidean distance between point i of a and point j of b. */
export function distance(
  a: Float64Array,
  i: number,
  b: Float64Array,
  j: number,
  dim: number,
): number {
  let s = 0;
  for (let c = 0; c < dim; c++) {
    const diff = a[i * dim + c] - b[j * dim + c];
    s += diff * diff;
  }
  return Math.sqrt(s);
}

/** Index of the point of a flat 2D set nearest to (x, y); −1 for an empty set. */
export function nearestIndex(points: ArrayLike<number>, x: number, y: number): number {
  let best = -1;
  let bestD = Infinity;
  for (let i = 0; 2 * i + 1 < points.length; i++) {
    const d = (points[2 * i] - x) ** 2 + (points[2 * i + 1] - y) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}
