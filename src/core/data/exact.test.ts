import { describe, expect, it } from 'vitest';
import { exactModel } from './exact';
import { sampleDataset } from './index';

describe('exact models', () => {
  it('uses the analytic mixture for gaussians8: near a mode, D = μ + s²/(s² + σ²)(x − μ)', () => {
    const { kind, model } = exactModel('gaussians8');
    expect(kind).toBe('mixture');
    // The mode at angle 0 sits at radius 1/√(0.5 + 0.08²); its std is 0.08 on the same scale.
    const scale = Math.sqrt(0.5 + 0.0064);
    const [mu, s2, sigma] = [1 / scale, (0.08 / scale) ** 2, 0.05];
    const d = model.denoise(Float64Array.from([mu + 0.03, -0.02]), sigma);
    expect(d[0]).toBeCloseTo(mu + (s2 / (s2 + sigma ** 2)) * 0.03, 8);
    expect(d[1]).toBeCloseTo((s2 / (s2 + sigma ** 2)) * -0.02, 8);
  });

  it('uses 2,000 fixed points for other data sets: D at tiny σ returns one of them', () => {
    const { kind, model } = exactModel('dino');
    expect(kind).toBe('empirical');
    const pts = sampleDataset('dino', 2000, 2022);
    const d = model.denoise(Float64Array.from([0.1, 0.2]), 0);
    let found = false;
    for (let i = 0; i < pts.length; i += 2)
      if (pts[i] === d[0] && pts[i + 1] === d[1]) found = true;
    expect(found).toBe(true);
  });

  it('names the valid ids for an unknown data set', () => {
    expect(() => exactModel('cats')).toThrow(/valid ids: swissroll/);
  });
});
