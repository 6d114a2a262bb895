import { describe, expect, it } from 'vitest';
import { gridPoints } from '../core/metrics/squareGrid';
import { densityThresholds, gridContours, gridToData } from './contours';

describe('densityThresholds', () => {
  it('spaces thresholds evenly in log-density below the maximum', () => {
    const t = densityThresholds(new Float32Array([0, 0.5, 2, 1]), 3, 'density', 6);
    expect(t[0]).toBeCloseTo(2 * Math.exp(-6), 12);
    expect(t[1]).toBeCloseTo(2 * Math.exp(-4), 12);
    expect(t[2]).toBeCloseTo(2 * Math.exp(-2), 12);
    const logT = densityThresholds(new Float32Array([-Infinity, -3, 1]), 2, 'logDensity', 4);
    expect(logT).toEqual([-3, -1]);
  });

  it('gives no thresholds for an empty or all-zero grid', () => {
    expect(densityThresholds(new Float32Array(4), 5, 'density')).toEqual([]);
    expect(densityThresholds(new Float32Array([NaN, -Infinity]), 5, 'logDensity')).toEqual([]);
  });
});

describe('gridContours + gridToData', () => {
  it('puts the level set of −(x² + y²) on the circle of radius R (closed form)', () => {
    const grid = { size: 48, extent: 3 };
    const centres = gridPoints(grid);
    const values = new Float32Array(grid.size ** 2);
    for (let k = 0; k < values.length; k++)
      values[k] = -(centres[2 * k] ** 2 + centres[2 * k + 1] ** 2);
    const R = 1.7;
    const [band] = gridContours(values, grid.size, [-R * R]);
    const ring = band.coordinates[0][0];
    expect(ring.length).toBeGreaterThan(20);
    for (const [gx, gy] of ring) {
      const r = Math.hypot(gridToData(gx, grid), gridToData(gy, grid));
      // Linear interpolation of r² between cell centres: error ≤ Δ²/(8R) ≈ 0.0013.
      expect(Math.abs(r - R)).toBeLessThan(0.01);
    }
  });

  it('places an off-centre bump where it is in data coordinates', () => {
    const grid = { size: 40, extent: 2 };
    const centres = gridPoints(grid);
    const values = new Float32Array(grid.size ** 2);
    for (let k = 0; k < values.length; k++) {
      values[k] = Math.exp(-((centres[2 * k] - 1) ** 2 + (centres[2 * k + 1] + 0.5) ** 2) / 0.1);
    }
    const ring = gridContours(values, grid.size, [0.5])[0].coordinates[0][0];
    const mean = [0, 1].map(
      (c) => ring.reduce((s, p) => s + gridToData(p[c], grid), 0) / ring.length,
    );
    expect(mean[0]).toBeCloseTo(1, 1);
    expect(mean[1]).toBeCloseTo(-0.5, 1);
  });
});
