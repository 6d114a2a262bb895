import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_POINTS, normalise, parsePoints, PointsFormatError } from './csv';

describe('parsePoints: CSV', () => {
  it('reads two numeric columns, with or without a header, any line ending and separator', () => {
    expect(Array.from(parsePoints('x,y\n1,2\n-3.5,4e-1\n'))).toEqual([1, 2, -3.5, 0.4]);
    expect(Array.from(parsePoints('1;2\r\n\r\n.5\t-6\r\n'))).toEqual([1, 2, 0.5, -6]);
    expect(Array.from(parsePoints('"x"\t"y"\n"1"\t"2"'))).toEqual([1, 2]);
  });

  it('names the line and column of a non-numeric value', () => {
    expect(() => parsePoints('x,y\n1,2\n3,abc\n')).toThrow(
      'line 3, column 2: "abc" is not a number',
    );
    expect(() => parsePoints('1,2\n0x10,2')).toThrow('line 2, column 1: "0x10" is not a number');
  });

  it('rejects NaN and Infinity, including overflowing literals', () => {
    expect(() => parsePoints('1,NaN')).toThrow('line 1, column 2: "NaN" is not a number');
    expect(() => parsePoints('1,2\nInfinity,2')).toThrow(
      'line 2, column 1: "Infinity" is not a number',
    );
    expect(() => parsePoints('1e999,2')).toThrow('line 1, column 1: "1e999" is not finite');
  });

  it('names the line with the wrong number of columns, and an empty value', () => {
    expect(() => parsePoints('1,2\n3,4,5')).toThrow('line 2: expected 2 columns (x, y), found 3');
    expect(() => parsePoints('1,2\n7\n')).toThrow('line 2: expected 2 columns (x, y), found 1');
    expect(() => parsePoints('1,2\n,4')).toThrow('line 2, column 1: empty value');
  });

  it('rejects an empty file or a header alone', () => {
    expect(() => parsePoints('')).toThrow('no points found');
    expect(() => parsePoints('x,y\n\n')).toThrow('no points found');
  });

  it(`accepts ${MAX_UPLOAD_POINTS} points and rejects one more`, () => {
    const line = '0.123456,-0.654321\n';
    expect(parsePoints(line.repeat(MAX_UPLOAD_POINTS)).length).toBe(2 * MAX_UPLOAD_POINTS);
    expect(() => parsePoints(line.repeat(MAX_UPLOAD_POINTS + 1))).toThrow(
      'too many points: more than 20,000',
    );
  });

  it('rejects a text over 2 MB, counting UTF-8 bytes', () => {
    expect(() => parsePoints('1,2\n' + ' '.repeat(2 * 1024 * 1024))).toThrow('larger than 2 MB');
    // 700,000 three-byte characters: 2.1 MB though only 0.7 M characters.
    expect(() => parsePoints('x€,y\n1,2\n' + '€'.repeat(700_000))).toThrow('larger than 2 MB');
  });

  it('throws PointsFormatError', () => {
    expect(() => parsePoints('a,b\nc,d')).toThrow(PointsFormatError);
  });
});

describe('parsePoints: JSON', () => {
  it('reads [x, y] pairs and {x, y} objects', () => {
    expect(Array.from(parsePoints('[[1, 2], [3.5, -4]]'))).toEqual([1, 2, 3.5, -4]);
    expect(Array.from(parsePoints(' [{"x": 1, "y": 2}, {"y": 0, "x": -1, "label": "a"}]'))).toEqual(
      [1, 2, -1, 0],
    );
  });

  it('names the item at fault', () => {
    expect(() => parsePoints('[[1, 2], [3]]')).toThrow('item 1: expected [x, y], found 1 values');
    expect(() => parsePoints('[[1, 2], {"x": 1}]')).toThrow(
      'item 1: expected [x, y] or {x, y}, found {"x":1}',
    );
    expect(() => parsePoints('[[1, 2], [3, "4"]]')).toThrow('item 1, y: "4" is not a number');
    expect(() => parsePoints('[{"x": null, "y": 1}]')).toThrow('item 0, x: null is not a number');
    expect(() => parsePoints('[[1, 2], [1e999, 0]]')).toThrow('item 1, x: Infinity is not finite');
  });

  it('rejects invalid JSON (NaN is not JSON), a non-array and an empty array', () => {
    expect(() => parsePoints('[[1, NaN]]')).toThrow(/^invalid JSON/);
    expect(() => parsePoints('[[1, 2]')).toThrow(/^invalid JSON/);
    expect(() => parsePoints('[]')).toThrow('no points found');
  });

  it('rejects more than the point limit', () => {
    const many = JSON.stringify(Array.from({ length: MAX_UPLOAD_POINTS + 1 }, () => [0, 0]));
    expect(() => parsePoints(many)).toThrow('too many points');
  });
});

describe('normalise', () => {
  it('gives zero mean and unit mean per-coordinate variance, keeping the aspect ratio', () => {
    // Mean (2, 1); squared deviations sum to 4·(1 + 0.25) = 5 over 8 coordinates: scale √(5/8).
    const out = normalise(Float64Array.from([1, 0.5, 3, 0.5, 1, 1.5, 3, 1.5]));
    const s = Math.sqrt(5 / 8);
    const expected = [-1 / s, -0.5 / s, 1 / s, -0.5 / s, -1 / s, 0.5 / s, 1 / s, 0.5 / s];
    out.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 14));
  });

  it('rejects identical points', () => {
    expect(() => normalise(Float64Array.from([2, 2, 2, 2]))).toThrow('all points are identical');
  });
});
