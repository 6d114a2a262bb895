import { describe, expect, it } from 'vitest';
import { DATASETS, DATASET_IDS, getDataset, sampleDataset } from './index';
import { sampleMixture } from './mixtures';

function moments(p: Float64Array) {
  const n = p.length / 2;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += p[2 * i];
    my += p[2 * i + 1];
  }
  mx /= n;
  my /= n;
  let vx = 0;
  let vy = 0;
  let cxy = 0;
  for (let i = 0; i < n; i++) {
    vx += (p[2 * i] - mx) ** 2;
    vy += (p[2 * i + 1] - my) ** 2;
    cxy += (p[2 * i] - mx) * (p[2 * i + 1] - my);
  }
  return { mx, my, vx: vx / n, vy: vy / n, cxy: cxy / n };
}

describe('data set registry', () => {
  it('lists the ten data sets with distinct ids and titles', () => {
    expect(DATASET_IDS).toEqual([
      'swissroll',
      'moons',
      'gaussians8',
      'gaussians25',
      'checkerboard',
      'rings',
      'spiral',
      'pinwheel',
      'smiley',
      'dino',
    ]);
    expect(new Set(DATASETS.map((d) => d.title)).size).toBe(DATASETS.length);
  });

  it('rejects an unknown id with a message naming the valid ids', () => {
    expect(() => sampleDataset('mnist', 10, 1)).toThrow(
      /unknown data set "mnist".*swissroll.*dino/,
    );
  });

  it('rejects a negative or fractional count', () => {
    expect(() => sampleDataset('moons', -1, 1)).toThrow(/non-negative integer/);
    expect(() => sampleDataset('dino', 2.5, 1)).toThrow(/non-negative integer/);
  });
});

describe.each(DATASET_IDS)('data set %s', (id) => {
  const n = 40_000;
  const points = sampleDataset(id, n, 3);

  it('returns n finite 2D points', () => {
    expect(points.length).toBe(2 * n);
    expect(points.every(Number.isFinite)).toBe(true);
  });

  it('is normalised: mean ≈ 0 and mean per-coordinate variance ≈ 1', () => {
    const m = moments(points);
    expect(Math.abs(m.mx)).toBeLessThan(0.03);
    expect(Math.abs(m.my)).toBeLessThan(0.03);
    expect(Math.abs((m.vx + m.vy) / 2 - 1)).toBeLessThan(0.03);
  });

  it('is reproducible from its seed, and a different seed gives different points', () => {
    expect(Array.from(sampleDataset(id, 500, 3))).toEqual(Array.from(points.subarray(0, 1000)));
    expect(Array.from(sampleDataset(id, 500, 4))).not.toEqual(Array.from(points.subarray(0, 1000)));
  });
});

describe('closed-form moments', () => {
  it('checkerboard marginals are uniform on [−√3, √3] (4 quantiles)', () => {
    const p = sampleDataset('checkerboard', 40_000, 5);
    const xs = Array.from(p.filter((_, i) => i % 2 === 0));
    const a = Math.sqrt(3);
    for (const q of [-0.5, 0, 0.5]) {
      const frac = xs.filter((x) => x < q * a).length / xs.length;
      expect(frac).toBeCloseTo((q + 1) / 2, 2);
    }
    expect(Math.max(...xs)).toBeLessThanOrEqual(a);
  });

  it('rings put 10/20/30/40% of the points on radii proportional to 1, 2, 3, 4', () => {
    const p = sampleDataset('rings', 40_000, 5);
    const unit = 1 / Math.sqrt(5 + 0.08 ** 2);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < p.length; i += 2) {
      const r = Math.hypot(p[i], p[i + 1]) / unit;
      counts[Math.min(3, Math.max(0, Math.round(r) - 1))]++;
    }
    counts.forEach((c, k) => expect(c / 40_000).toBeCloseTo((k + 1) / 10, 2));
  });

  it('mixture data sets expose parameters whose moments match their samples', () => {
    for (const id of ['gaussians8', 'gaussians25']) {
      const m = getDataset(id).mixture!;
      expect(m.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      // Per-coordinate variance of the mixture: Σ w_k (μ_k,c² + C_k,cc), averaged over c.
      let v = 0;
      m.weights.forEach((w, k) => {
        v +=
          (w * (m.means[k][0] ** 2 + m.means[k][1] ** 2 + m.covs[k][0][0] + m.covs[k][1][1])) / 2;
      });
      expect(v).toBeCloseTo(1, 12);
    }
  });

  it('sampleMixture follows a full-covariance Gaussian (sample covariance ≈ C)', () => {
    const p = sampleMixture(
      {
        weights: [1],
        means: [[1, -2]],
        covs: [
          [
            [2, 0.6],
            [0.6, 0.5],
          ],
        ],
      },
      100_000,
      9,
    );
    const m = moments(p);
    expect(m.mx).toBeCloseTo(1, 1);
    expect(m.my).toBeCloseTo(-2, 1);
    expect(m.vx).toBeCloseTo(2, 1);
    expect(m.vy).toBeCloseTo(0.5, 1);
    expect(m.cxy).toBeCloseTo(0.6, 1);
  });

  it('sampleMixture picks components in proportion to their weights', () => {
    const p = sampleMixture(
      {
        weights: [0.2, 0.8],
        means: [
          [-10, 0],
          [10, 0],
        ],
        covs: [
          [
            [1, 0],
            [0, 1],
          ],
          [
            [1, 0],
            [0, 1],
          ],
        ],
      },
      50_000,
      2,
    );
    let left = 0;
    for (let i = 0; i < p.length; i += 2) if (p[i] < 0) left++;
    expect(left / 50_000).toBeCloseTo(0.2, 2);
  });
});
