import { describe, expect, it } from 'vitest';
import { quantile, thresholdSample } from './thresholding';

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
