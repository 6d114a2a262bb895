import { describe, expect, it } from 'vitest';
import { normals } from '../rng';
import { kdeGrid, scottBandwidth } from './kde';
import { cellCenter, gridPoints } from './squareGrid';

/** n points from N(mean, s²I), flat x, y. */
function gaussianSample(n: number, s: number, seed: number, mean = [0, 0]): Float64Array {
  const z = normals(seed, 0, 2 * n);
  for (let i = 0; i < z.length; i++) z[i] = mean[i % 2] + s * z[i];
  return z;
}

const integral = (v: Float32Array, delta: number) => v.reduce((a, b) => a + b, 0) * delta * delta;

describe('squareGrid', () => {
  it('puts cell centres at −L + (k + ½)·2L/G, row-major with x varying fastest', () => {
    const p = gridPoints({ size: 4, extent: 2 });
    expect(Array.from(p.slice(0, 4))).toEqual([-1.5, -1.5, -0.5, -1.5]);
    expect(Array.from(p.slice(-2))).toEqual([1.5, 1.5]);
    expect(cellCenter({ size: 4, extent: 2 }, 3)).toBe(1.5);
  });
});

describe('kdeGrid', () => {
  it('integrates to ≈ 1 for points well inside the grid', () => {
    const pts = gaussianSample(5000, 0.5, 1);
    const v = kdeGrid(pts, 4, 64, 0.2);
    expect(integral(v, 8 / 64)).toBeCloseTo(1, 3);
  });

  it('still integrates to ≈ 1 when h is below the cell width', () => {
    const pts = gaussianSample(2000, 0.7, 2, [0.3, -0.4]);
    expect(integral(kdeGrid(pts, 4, 32, 0.05), 8 / 32)).toBeCloseTo(1, 3);
  });

  it('loses exactly the mass of points outside the grid', () => {
    const pts = new Float64Array([0, 0, 10, 10, 0.5, 0.5, -20, 0]);
    expect(integral(kdeGrid(pts, 3, 48, 0.3), 6 / 48)).toBeCloseTo(0.5, 3);
  });

  it('estimates a Gaussian by the Gaussian of variance s² + h² (closed-form convolution)', () => {
    const [s, h] = [0.6, 0.3];
    const pts = gaussianSample(40000, s, 3);
    const G = 64;
    const v = kdeGrid(pts, 3, G, h);
    const variance = s * s + h * h;
    let maxErr = 0;
    const peak = 1 / (2 * Math.PI * variance);
    for (let row = 0; row < G; row++) {
      for (let col = 0; col < G; col++) {
        const [x, y] = [
          cellCenter({ size: G, extent: 3 }, col),
          cellCenter({ size: G, extent: 3 }, row),
        ];
        const exact = peak * Math.exp(-(x * x + y * y) / (2 * variance));
        maxErr = Math.max(maxErr, Math.abs(v[row * G + col] - exact));
      }
    }
    // Sampling noise with 40k points is about 1% of the peak; binning adds ~(Δ/h)²/24.
    expect(maxErr / peak).toBeLessThan(0.04);
  });

  it('uses row = y, col = x', () => {
    const v = kdeGrid(new Float64Array([1.5, -1.5]), 2, 4, 0.05);
    const argmax = v.indexOf(Math.max(...v));
    expect([Math.floor(argmax / 4), argmax % 4]).toEqual([0, 3]);
  });
});

describe('scottBandwidth', () => {
  it('is σ·n^(−1/6) in 2D (scipy gaussian_kde scotts_factor with d = 2)', () => {
    const pts = gaussianSample(20000, 1.5, 4);
    expect(scottBandwidth(pts) / (1.5 * 20000 ** (-1 / 6))).toBeCloseTo(1, 1);
  });
});
