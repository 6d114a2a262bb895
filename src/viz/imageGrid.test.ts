import { describe, expect, it } from 'vitest';
import { BACKGROUND_GRAY, composeGray, gridLayout, upscaleGray } from './imageGrid';

describe('image grid composition', () => {
  it('lays cells out square-ish, or in the columns asked for', () => {
    expect(gridLayout(16)).toMatchObject({ cols: 4, rows: 4 });
    expect(gridLayout(10)).toMatchObject({ cols: 4, rows: 3 });
    expect(gridLayout(10, 10)).toMatchObject({ cols: 10, rows: 1 });
    expect(gridLayout(3, 8)).toMatchObject({ cols: 3, rows: 1 });
  });

  it('maps the range linearly to 0..255, clamps outside, and leaves NaN as background', () => {
    const values = Float32Array.of(-1, 0, 1, 2, NaN, -3, 0.5, 1);
    const { width, height, gray } = composeGray(
      { values, cells: 2, height: 2, width: 2, range: [-1, 1] },
      gridLayout(2, 2, 1),
    );
    expect([width, height]).toEqual([7, 4]);
    // Cell 0 at (1, 1), cell 1 at (4, 1).
    expect([gray[8], gray[9], gray[15], gray[16]]).toEqual([0, 128, 255, 255]);
    expect([gray[11], gray[12], gray[18], gray[19]]).toEqual([BACKGROUND_GRAY, 0, 191, 255]);
    expect(gray[0]).toBe(BACKGROUND_GRAY);
  });

  it('upscales by repeating pixels', () => {
    const up = upscaleGray(Uint8ClampedArray.of(1, 2, 3, 4), 2, 2, 2);
    expect([...up]).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
  });
});
