import { describe, expect, it } from 'vitest';
import { classTargets } from './classifierGuidedDenoiser';

describe('classTargets', () => {
  it('one-hot rows, blended rows for a class mix, zero rows for the null class', () => {
    const t = classTargets(
      {
        a: Int32Array.from([2, 10, 0]),
        mix: { b: Int32Array.from([1, 1, 0]), lambda: Float32Array.from([0.25, 0, 0.5]) },
      },
      3 + 8,
      10,
    );
    const row = (i: number) => Array.from(t.subarray(i * 11, i * 11 + 3));
    expect(row(0)).toEqual([0, 0.25, 0.75]);
    expect(Array.from(t.subarray(11, 22)).every((v) => v === 0)).toBe(true);
    expect(row(2)).toEqual([1, 0, 0]);
  });
});
