/**
 * A regular lattice of grid lines over [−L, L]²: `lines` horizontal lines (y fixed, bottom to
 * top) then `lines` vertical lines (x fixed, left to right), each sampled at `perLine` evenly
 * spaced points, so a warped line can bend between the lattice nodes. Points are flat (x, y)
 * pairs; the node (i, j) at x = −L + i·Δ, y = −L + j·Δ (Δ = 2L/(lines − 1)) is point
 * j·perLine + i·(perLine − 1)/(lines − 1) of the horizontal lines.
 */
export interface Lattice {
  lines: number;
  perLine: number;
  extent: number;
  /** 2 · lines · perLine points (horizontal lines first), flat (x, y). */
  points: Float64Array;
}

/** Points per segment between neighbouring nodes: about 48 segments per line, at least 1. */
export function segmentPoints(lines: number): number {
  return Math.max(1, Math.floor(48 / Math.max(1, lines - 1)));
}

/**
 * Half-width of a lattice covering x_T at noise level σ on a process of scale s: three
 * standard deviations of the noised unit-variance data, 3·s·sqrt(1 + σ²) (3 on VP and flow).
 */
export function latticeExtent(scale: number, sigma: number): number {
  return 3 * scale * Math.sqrt(1 + sigma * sigma);
}

export function meshLattice(
  lines: number,
  extent: number,
  perSegment = segmentPoints(lines),
): Lattice {
  if (!Number.isInteger(lines) || lines < 2)
    throw new Error(`meshLattice: need at least 2 lines, got ${lines}`);
  if (!(extent > 0)) throw new Error(`meshLattice: extent must be > 0, got ${extent}`);
  if (!Number.isInteger(perSegment) || perSegment < 1)
    throw new Error(`meshLattice: perSegment must be a positive integer, got ${perSegment}`);
  const perLine = (lines - 1) * perSegment + 1;
  const at = (k: number, count: number) => -extent + (2 * extent * k) / (count - 1);
  const points = new Float64Array(4 * lines * perLine);
  for (let j = 0; j < lines; j++) {
    for (let k = 0; k < perLine; k++) {
      const h = 2 * (j * perLine + k);
      points[h] = at(k, perLine);
      points[h + 1] = at(j, lines);
      const v = 2 * ((lines + j) * perLine + k);
      points[v] = at(j, lines);
      points[v + 1] = at(k, perLine);
    }
  }
  return { lines, perLine, extent, points };
}

/** Indices (into the lattice's points) of the lines² nodes, row-major from (−L, −L). */
export function latticeNodes(lattice: Lattice): Int32Array {
  const { lines, perLine } = lattice;
  const stride = (perLine - 1) / (lines - 1);
  const out = new Int32Array(lines * lines);
  for (let j = 0; j < lines; j++)
    for (let i = 0; i < lines; i++) out[j * lines + i] = j * perLine + i * stride;
  return out;
}

/** The points at `indices` of a flat (x, y) array, as a new flat array. */
export function pickPoints(points: ArrayLike<number>, indices: ArrayLike<number>): Float64Array {
  const out = new Float64Array(2 * indices.length);
  for (let k = 0; k < indices.length; k++) {
    out[2 * k] = points[2 * indices[k]];
    out[2 * k + 1] = points[2 * indices[k] + 1];
  }
  return out;
}
