import { describe, expect, it } from 'vitest';
import { decodeHash, encodeHash, type Field } from './urlFields';

const fields: Field[] = [
  { name: 'backend', kind: 'choice', choices: ['auto', 'cpu'], default: 'auto' },
  { name: 'steps', kind: 'int', min: 1, max: 1000, default: 50 },
  { name: 'eta', kind: 'number', min: 0, max: 1, default: 0 },
  { name: 'trails', kind: 'bool', default: true },
];

describe('URL hash codec', () => {
  it('round-trips values and omits defaults', () => {
    const params = { backend: 'cpu', steps: 20, eta: 0.5, trails: false };
    const hash = encodeHash(fields, params);
    expect(hash).toBe('#backend=cpu&steps=20&eta=0.5&trails=0');
    expect(decodeHash(fields, hash)).toEqual({ params, problems: [] });
    expect(encodeHash(fields, { backend: 'auto', steps: 50, eta: 0, trails: true })).toBe('');
  });

  it('clamps out-of-range numbers, rounds integers and reports each', () => {
    const { params, problems } = decodeHash(fields, '#steps=5000&eta=-2');
    expect(params.steps).toBe(1000);
    expect(params.eta).toBe(0);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/steps=5000 is outside 1..1000/);
    expect(decodeHash(fields, '#steps=7.6').params.steps).toBe(8);
  });

  it('replaces garbage by defaults with a message, and ignores unknown keys', () => {
    const { params, problems } = decodeHash(
      fields,
      '#backend=quantum&steps=abc&trails=maybe&zzz=1',
    );
    expect(params).toEqual({ backend: 'auto', steps: 50, eta: 0, trails: true });
    expect(problems.join('\n')).toMatch(/backend="quantum" is not one of auto, cpu/);
    expect(problems.join('\n')).toMatch(/steps="abc" is not a number/);
    expect(problems.join('\n')).toMatch(/unknown URL parameter "zzz"/);
  });

  it('reports repeated keys, quotes at most a line of a hostile value and caps the list', () => {
    const twice = decodeHash(fields, '#steps=5&steps=7');
    expect(twice.params.steps).toBe(7);
    expect(twice.problems).toEqual(['steps is given more than once; using the last value']);
    const long = decodeHash(fields, `#backend=${'x'.repeat(10_000)}`).problems[0];
    expect(long.length).toBeLessThan(200);
    expect(long).toMatch(/^backend="xxx.*… \(10\d\d\d characters\)$/);
    const many = Array.from({ length: 500 }, (_, i) => `k${i}=1`).join('&');
    const { problems } = decodeHash(fields, `#${many}`);
    expect(problems).toHaveLength(9);
    expect(problems[8]).toBe('… and 492 more problems in the link');
  });

  it('reads prototype names as unknown parameters, leaving Object.prototype alone', () => {
    const { params, problems } = decodeHash(fields, '#__proto__=1&constructor=2&__proto__[x]=3');
    expect(problems).toHaveLength(3);
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
