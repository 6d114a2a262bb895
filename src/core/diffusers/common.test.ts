import { describe, expect, it } from 'vitest';
import { quantile, roundHalfEven, spacedTimesteps, thresholdSample } from './common';

describe('timestep spacings', () => {
  // Oracle: Lin et al. 2024, "Common Diffusion Noise Schedules and Sample Steps are Flawed", Table 2 (T = 1000, 10 steps).
  it('linspace, leading and trailing match Table 2', () => {
    expect(spacedTimesteps('linspace', 10, 1000, 0)).toEqual([
      999, 888, 777, 666, 555, 444, 333, 222, 111, 0,
    ]);
    expect(spacedTimesteps('leading', 10, 1000, 0)).toEqual([
      900, 800, 700, 600, 500, 400, 300, 200, 100, 0,
    ]);
    expect(spacedTimesteps('trailing', 10, 1000, 0)).toEqual([
      999, 899, 799, 699, 599, 499, 399, 299, 199, 99,
    ]);
  });
  it('leading adds steps_offset (Stable Diffusion: 1)', () => {
    expect(spacedTimesteps('leading', 5, 1000, 1)).toEqual([801, 601, 401, 201, 1]);
  });
  it('numpy rounds halves to even', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4, 2.6].map(roundHalfEven)).toEqual([
      0, 2, 2, -0, -2, 2, 3,
    ]);
  });
});

describe('dynamic thresholding (Imagen §2.3)', () => {
  it('torch.quantile interpolates linearly between order statistics', () => {
    expect(quantile(Float64Array.from([3, 0.5, 2, 1]), 0.5)).toBe(1.5);
    expect(quantile(Float64Array.from([3, 0.5, 2, 1]), 1)).toBe(3);
  });
  it('clips to ±s and divides by s, with s clamped to [1, sample_max_value], per batch item', () => {
    const x = Float64Array.from([-3, 0.5, 2, -1, 0.2, -0.4, 0.1, 0.3]);
    const out = thresholdSample(x, { ratio: 1, sampleMaxValue: 2 }, 2);
    // item 0: s = min(max|x| = 3, 2) = 2; item 1: s = max(0.4, 1) = 1 (no change).
    expect(Array.from(out)).toEqual([-1, 0.25, 1, -0.5, 0.2, -0.4, 0.1, 0.3]);
  });
  it('rejects a batch size that does not divide the sample', () => {
    expect(() =>
      thresholdSample(new Float64Array(6), { ratio: 0.995, sampleMaxValue: 1 }, 4),
    ).toThrow(/batchSize/);
  });
});
