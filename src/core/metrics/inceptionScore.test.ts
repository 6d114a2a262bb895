import { describe, expect, it } from 'vitest';
import { inceptionScore, softmaxRows } from './inceptionScore';

describe('softmaxRows', () => {
  it('gives e^l / Σ e^l per row and ignores a constant shift, even a huge one', () => {
    const p = softmaxRows([0, Math.log(3), 1000, 1000 + Math.log(3)], 2, 2);
    [0.25, 0.75, 0.25, 0.75].forEach((v, i) => expect(p[i]).toBeCloseTo(v, 12));
  });
});

describe('inceptionScore', () => {
  it('is 1 when every sample has the same class distribution', () => {
    const row = [0.2, 0.5, 0.3];
    expect(inceptionScore([...row, ...row, ...row, ...row], 4, 3)).toBeCloseTo(1, 14);
  });

  it('is k for confident samples spread evenly over k classes', () => {
    const k = 5;
    const probs = Array.from({ length: 3 * k * k }, (_, i) =>
      Math.floor(i / k) % k === i % k ? 1 : 0,
    );
    expect(inceptionScore(probs, 3 * k, k)).toBeCloseTo(k, 12);
  });

  it('matches the hand computation for p = [[1, 0], [½, ½]]: (4/3)^(3/4)', () => {
    // p(y) = (¾, ¼); KL₁ = log(4/3), KL₂ = ½ log(2/3) + ½ log 2 = ½ log(4/3).
    expect(inceptionScore([1, 0, 0.5, 0.5], 2, 2)).toBeCloseTo((4 / 3) ** 0.75, 14);
  });
});
