import { describe, expect, it } from 'vitest';
import { decodeMask, encodeMask, MASK_PRESETS, paintDisk, presetMask } from './mask';

const count = (m: Uint8Array) => m.reduce((a, b) => a + b, 0);

describe('inpainting masks', () => {
  it('presets cover the stated share of a 16×16 and a 28×28 image', () => {
    for (const [h, w] of [
      [16, 16],
      [28, 28],
    ]) {
      expect(count(presetMask('right', h, w))).toBe((h * w) / 2);
      expect(count(presetMask('top', h, w))).toBe((h * w) / 2);
      expect(count(presetMask('centre', h, w)) + count(presetMask('border', h, w))).toBe(h * w);
      expect(presetMask('left', h, w)[0]).toBe(1);
    }
    expect(count(presetMask('centre', 16, 16))).toBe(64);
  });

  it('a disk of radius 0, 1, 1.5 paints 1, 5, 9 pixels and is cut at the edges', () => {
    const blank = new Uint8Array(100);
    expect(count(paintDisk(blank, 10, 10, 5, 5, 0, 1))).toBe(1);
    expect(count(paintDisk(blank, 10, 10, 5, 5, 1, 1))).toBe(5);
    expect(count(paintDisk(blank, 10, 10, 5, 5, 1.5, 1))).toBe(9);
    expect(count(paintDisk(blank, 10, 10, 0, 0, 1, 1))).toBe(3);
    expect(count(paintDisk(new Uint8Array(100).fill(1), 10, 10, 5, 5, 1, 0))).toBe(95);
  });

  it('round-trips through hex text and refuses text of the wrong size', () => {
    for (const p of MASK_PRESETS) {
      const m = presetMask(p, 28, 28);
      const text = encodeMask(m);
      expect(text.length).toBe(196);
      expect(decodeMask(text, 784)).toEqual(m);
    }
    expect(encodeMask(Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 1))).toBe('81');
    expect(decodeMask('81', 16)).toBeNull();
    expect(decodeMask('8g', 8)).toBeNull();
  });
});
