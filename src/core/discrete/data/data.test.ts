import { describe, expect, it } from 'vitest';
import { digitsFromArrays, parseOptdigits } from './digits';
import { decodeName, encodeName, encodeNames, NAME_END, NAME_MASK, normaliseName } from './names';

describe('digits', () => {
  const image = Array.from({ length: 64 }, (_, i) => i % 17);

  it('reads per-image or flat arrays of 64 grey levels with labels', () => {
    const a = digitsFromArrays([image, image.slice().reverse()], [3, 7]);
    const b = digitsFromArrays(Float64Array.from([...image, ...image.slice().reverse()]), [3, 7]);
    expect(a.L).toBe(64);
    expect(a.tokens).toEqual(b.tokens);
    expect([...a.labels]).toEqual([3, 7]);
    expect(a.tokens[64 + 63]).toBe(0);
  });

  it('refuses levels outside 0..16, wrong sizes and labels', () => {
    expect(() => digitsFromArrays([image.map((v) => v + 1)], [0])).toThrow(/pixel 16 is 17/);
    expect(() => digitsFromArrays([image.slice(1)], [0])).toThrow(/63 pixels/);
    expect(() => digitsFromArrays([image], [10])).toThrow(/label 0/);
    expect(() => digitsFromArrays([image.map((v) => v + 0.5)], [0])).toThrow(/pixel 0/);
  });

  it('parses UCI optdigits lines (64 levels, then the label)', () => {
    const text = `${image.join(',')},5\n${image.join(',')},9\n\n`;
    const d = parseOptdigits(text);
    expect([...d.labels]).toEqual([5, 9]);
    expect([...d.tokens.slice(0, 64)]).toEqual(image);
    expect(() => parseOptdigits('1,2,3')).toThrow(/line 1: 3 values/);
  });
});

describe('names', () => {
  it('normalises, encodes with END padding and decodes', () => {
    expect(normaliseName('  José-María ')).toBe('josemaria');
    const t = encodeName('ada', 5);
    expect([...t]).toEqual([0, 3, 0, NAME_END, NAME_END]);
    expect(decodeName(t)).toBe('ada');
    expect(decodeName([0, NAME_MASK, 2, NAME_END, 4])).toBe('a_c');
    expect(() => encodeName('Ada', 5)).toThrow(/not a–z/);
    expect(() => encodeName('adalovelace', 5)).toThrow(/1..5 letters/);
  });

  it('builds a weighted training set, merging duplicates and skipping misfits', () => {
    const set = encodeNames(['Anna', 'anna', 'Bo', '', 'Christopher'], 6);
    expect(set.names).toEqual(['anna', 'bo']);
    expect([...set.weights]).toEqual([2, 1]);
    expect(set.skipped).toBe(2);
    expect(set.tokens.length).toBe(12);
    expect(decodeName(set.tokens.slice(6))).toBe('bo');
  });
});
