import { contours, type ContourMultiPolygon } from 'd3';
import { cellWidth, type SquareGrid } from '../core/metrics/squareGrid';

/** Pure contouring helpers (d3-contour works without a DOM). */

/** Whether grid values are densities (≥ 0) or log-densities. */
export type DensityScale = 'density' | 'logDensity';

/**
 * `count` thresholds evenly spaced in log-density over the `span` nats below the maximum
 * (the highest one, span/count below the max, so the top band is never empty). Returns []
 * for a grid with no finite, positive maximum.
 */
export function densityThresholds(
  values: ArrayLike<number>,
  count: number,
  scale: DensityScale,
  span = 6,
): number[] {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  if (scale === 'density' ? !(max > 0 && Number.isFinite(max)) : !Number.isFinite(max)) return [];
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    const below = (span * (count - k)) / count;
    out.push(scale === 'density' ? max * Math.exp(-below) : max - below);
  }
  return out;
}

/** Filled contours (value ≥ threshold) of a G×G grid, in grid coordinates [0, G]². */
export function gridContours(
  values: ArrayLike<number>,
  size: number,
  thresholds: number[],
): ContourMultiPolygon[] {
  if (values.length !== size * size) {
    throw new Error(`gridContours: ${values.length} values for a ${size}×${size} grid`);
  }
  return contours().size([size, size]).thresholds(thresholds)(values as unknown as number[]);
}

/** Grid coordinate (value k sits at k + ½, d3-contour's convention) → data coordinate. */
export function gridToData(g: number, grid: SquareGrid): number {
  return -grid.extent + g * cellWidth(grid);
}
