import { describe, expect, it } from 'vitest';
import { FIELDS } from './fields';
import { labFromParams } from './labSettings';
import { decodeHash } from './urlFields';

describe('the step grids’ lane (lglane)', () => {
  it('is clamped to the field’s range, then to the last lane', () => {
    const at = (hash: string) => decodeHash(FIELDS, hash);
    expect(labFromParams(at('#lanes=euler;heun;ddim&lglane=1').params).gridLane).toBe(1);
    expect(labFromParams(at('#lanes=euler;heun&lglane=4').params).gridLane).toBe(1);
    const wild = at('#lanes=euler;heun;ddim&lglane=99');
    expect(wild.problems.join(' ')).toMatch(/lglane/);
    expect(labFromParams(wild.params).gridLane).toBe(2);
  });
});
