import { describe, expect, it } from 'vitest';
import { encodeName, isValidName, NAME_END, NAME_MASK } from './data/names';
import { sampleShares, trainingKeys } from './memorisation';

describe('isValidName', () => {
  it('accepts letters then END only', () => {
    expect(isValidName(encodeName('ada', 12))).toBe(true);
    expect(isValidName(encodeName('abcdefghijkl', 12))).toBe(true);
  });
  it('refuses an empty name, a mask, or a letter after an END', () => {
    expect(isValidName(new Int32Array(12).fill(NAME_END))).toBe(false);
    const masked = encodeName('ada', 12);
    masked[1] = NAME_MASK;
    expect(isValidName(masked)).toBe(false);
    const gap = encodeName('ada', 12);
    gap[5] = 0;
    expect(isValidName(gap)).toBe(false);
  });
});

describe('sampleShares', () => {
  it('counts valid, in-training and novel samples', () => {
    const L = 12;
    const train = {
      L,
      tokens: Int32Array.from([...encodeName('ada', L), ...encodeName('bob', L)]),
    };
    const samples = Int32Array.from([
      ...encodeName('ada', L),
      ...encodeName('bob', L),
      ...encodeName('cy', L),
      ...new Int32Array(L).fill(NAME_MASK),
    ]);
    expect(sampleShares(samples, L, trainingKeys(train), isValidName)).toEqual({
      count: 4,
      valid: 3,
      inTraining: 2,
      novel: 1,
    });
  });
});
