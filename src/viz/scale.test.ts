import { describe, expect, it } from 'vitest';
import { backingSize, viewBox } from './scale';

const noMargin = { top: 0, right: 0, bottom: 0, left: 0 };

describe('viewBox', () => {
  it('maps the corners of [−L, L]² onto the square, y flipped', () => {
    const vb = viewBox(200, 200, 4, noMargin);
    expect([vb.x(-4), vb.x(4), vb.y(4), vb.y(-4)]).toEqual([0, 200, 0, 200]);
    expect([vb.x(0), vb.y(0)]).toEqual([100, 100]);
    expect(vb.pxPerUnit).toBe(25);
  });

  it('centres the largest square in a wide container, inside the margin', () => {
    const vb = viewBox(500, 300, 1, { top: 10, right: 10, bottom: 30, left: 40 });
    expect(vb.side).toBe(260);
    expect(vb.top).toBe(10);
    expect(vb.left).toBe(40 + (450 - 260) / 2);
  });

  it('inverts its own mapping', () => {
    const vb = viewBox(317, 411, 2.5);
    for (const v of [-2.5, -1.3, 0, 0.7, 2.5]) {
      expect(vb.invertX(vb.x(v))).toBeCloseTo(v, 12);
      expect(vb.invertY(vb.y(v))).toBeCloseTo(v, 12);
    }
  });

  it('keeps an isotropic scale (a unit circle stays round)', () => {
    const vb = viewBox(640, 360, 3);
    expect(vb.x(1) - vb.x(0)).toBeCloseTo(vb.y(0) - vb.y(1), 12);
  });

  it('rejects a non-positive extent and collapses to zero size in a tiny container', () => {
    expect(() => viewBox(100, 100, 0)).toThrow(/extent/);
    expect(viewBox(10, 10, 1).side).toBe(0);
  });
});

describe('backingSize', () => {
  it('scales by devicePixelRatio and rounds, never below 1', () => {
    expect(backingSize(300, 150, 2)).toEqual([600, 300]);
    expect(backingSize(101, 33, 1.5)).toEqual([152, 50]);
    expect(backingSize(0, 0, 2)).toEqual([1, 1]);
    expect(backingSize(10, 10, NaN)).toEqual([10, 10]);
  });
});
