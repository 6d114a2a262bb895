import { describe, expect, it } from 'vitest';
import { transferList } from './transfer';

describe('transferList', () => {
  it('collects each typed array buffer of a frame once, two levels deep', () => {
    const shared = new Float32Array(6);
    const own = new Int32Array(2);
    const pair: [Float32Array, Float32Array] = [new Float32Array(1), new Float32Array(1)];
    const list = transferList({
      xt: shared.subarray(0, 3),
      x0: shared.subarray(3),
      labels: own,
      paths: pair,
      n: 3,
      name: 'x',
      none: null,
    });
    expect(list).toHaveLength(4);
    expect(new Set(list)).toEqual(
      new Set([shared.buffer, own.buffer, pair[0].buffer, pair[1].buffer]),
    );
  });

  it('takes a bare array, and nothing from plain values', () => {
    const a = new Float32Array(2);
    expect(transferList(a)).toEqual([a.buffer]);
    expect(transferList(null)).toEqual([]);
    expect(transferList([{ order: 1 }])).toEqual([]);
  });
});
