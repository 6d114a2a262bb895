import { describe, expect, it } from 'vitest';
import { normals } from '../rng';
import { interpolationWeights, slerp } from './slerp';

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));

describe('slerp', () => {
  it('between orthogonal unit vectors is cos(tπ/2)·a + sin(tπ/2)·b', () => {
    for (const t of [0, 0.2, 0.5, 0.9, 1]) {
      const v = slerp([1, 0, 0], [0, 1, 0], t);
      expect(v[0]).toBeCloseTo(Math.cos((t * Math.PI) / 2), 14);
      expect(v[1]).toBeCloseTo(Math.sin((t * Math.PI) / 2), 14);
      expect(v[2]).toBe(0);
    }
  });

  it('keeps the norm of equal-norm vectors and turns by tΩ, where the linear mix shrinks', () => {
    const a = normals(1, 0, 256);
    const b0 = normals(2, 0, 256);
    const b = b0.map((v) => (v * norm(a)) / norm(b0));
    const omega = Math.acos(a.reduce((s, v, i) => s + v * b[i], 0) / norm(a) ** 2);
    for (const t of [0.25, 0.5, 0.75]) {
      const v = slerp(a, b, t);
      expect(norm(v)).toBeCloseTo(norm(a), 10);
      const angle = Math.acos(v.reduce((s, x, i) => s + x * a[i], 0) / (norm(v) * norm(a)));
      expect(angle).toBeCloseTo(t * omega, 10);
    }
    const mid = a.map((v, i) => 0.5 * v + 0.5 * b[i]);
    expect(norm(mid)).toBeLessThan(0.8 * norm(a));
  });

  it('returns the endpoints at t = 0 and 1, and lerps parallel vectors', () => {
    expect([...slerp([1, 2], [3, -1], 0)].map((v) => +v.toFixed(12))).toEqual([1, 2]);
    expect([...slerp([1, 2], [3, -1], 1)].map((v) => +v.toFixed(12))).toEqual([3, -1]);
    expect([...slerp([1, 1], [2, 2], 0.5)]).toEqual([1.5, 1.5]);
    expect(() => slerp([0, 0], [1, 0], 0.5)).toThrow(/zero vector/);
  });

  it('interpolationWeights spans 0..1 inclusive', () => {
    expect(interpolationWeights(5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(interpolationWeights(1)).toEqual([0]);
  });
});
