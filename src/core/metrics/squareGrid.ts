/**
 * A regular G×G grid of cells over the square [−L, L]² (L = extent). Values on it are flat,
 * row-major from (−L, −L): index = row·G + col, row along y (upwards), col along x, each value
 * sitting at its cell centre. This is d3-contour's layout (value k at grid coordinate k + ½),
 * so contours of such a grid map to data coordinates by x = −L + g·(2L/G).
 */
export interface SquareGrid {
  /** Cells per axis, G. */
  size: number;
  /** Half-width L of the square [−L, L]². */
  extent: number;
}

export function checkSquareGrid(grid: SquareGrid, name: string): void {
  if (!Number.isInteger(grid.size) || grid.size < 1) {
    throw new Error(`${name}: grid size must be a positive integer, got ${grid.size}`);
  }
  if (!(grid.extent > 0)) throw new Error(`${name}: grid extent must be > 0, got ${grid.extent}`);
}

/** Width of one cell, 2L/G. */
export function cellWidth(grid: SquareGrid): number {
  return (2 * grid.extent) / grid.size;
}

/** Coordinate of the centre of cell k (0 ≤ k < G) along either axis. */
export function cellCenter(grid: SquareGrid, k: number): number {
  return -grid.extent + (k + 0.5) * cellWidth(grid);
}

/** The G² cell centres as flat (x, y) pairs in the grid's row-major order, e.g. to evaluate a field. */
export function gridPoints(grid: SquareGrid): Float64Array {
  checkSquareGrid(grid, 'gridPoints');
  const G = grid.size;
  const out = new Float64Array(2 * G * G);
  for (let row = 0; row < G; row++) {
    for (let col = 0; col < G; col++) {
      const k = 2 * (row * G + col);
      out[k] = cellCenter(grid, col);
      out[k + 1] = cellCenter(grid, row);
    }
  }
  return out;
}
