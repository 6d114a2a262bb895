import { describe, expect, it } from 'vitest';
import { packRgba, rasterizeSquares } from './pointRaster';

const IDENTITY = { sx: 1, ox: 0, sy: 1, oy: 0 };

/** (x, y) of every set pixel, in row-major order. */
function setPixels(pixels: Uint32Array, width: number): [number, number][] {
  const out: [number, number][] = [];
  pixels.forEach((v, k) => v && out.push([k % width, Math.floor(k / width)]));
  return out;
}

describe('rasterizeSquares', () => {
  it('fills the 2×2 block whose corners round from (x − 1, y − 1) and (x + 1, y + 1)', () => {
    const px = new Uint32Array(8 * 8);
    rasterizeSquares(px, 8, new Float32Array([3.2, 4.6]), IDENTITY, 1, 7);
    // left = round(2.2) = 2, top = round(3.6) = 4: columns 2–3, rows 4–5.
    expect(setPixels(px, 8)).toEqual([
      [2, 4],
      [3, 4],
      [2, 5],
      [3, 5],
    ]);
    expect(px[4 * 8 + 2]).toBe(7);
  });

  it('maps data to pixels through the affine map, y flipped as on screen', () => {
    const px = new Uint32Array(10 * 10);
    // Data square [−1, 1]² onto pixels [0, 10]², y up: (−1, 1) is the top-left corner.
    const map = { sx: 5, ox: 5, sy: -5, oy: 5 };
    rasterizeSquares(px, 10, new Float32Array([-0.9, 0.9]), map, 0.5, 1);
    expect(setPixels(px, 10)).toEqual([[0, 0]]);
  });

  it('clips squares at the buffer edges and skips non-finite points', () => {
    const px = new Uint32Array(4 * 3);
    const pts = new Float32Array([0, 0, 3.9, 2.9, NaN, 1, 1, Infinity, -50, 1]);
    rasterizeSquares(px, 4, pts, IDENTITY, 1, 1);
    expect(setPixels(px, 4)).toEqual([
      [0, 0],
      [3, 2],
    ]);
  });

  it('draws at least one pixel for a sub-pixel square', () => {
    const px = new Uint32Array(4 * 4);
    rasterizeSquares(px, 4, new Float32Array([1.2, 2.2]), IDENTITY, 0.1, 1);
    expect(setPixels(px, 4)).toEqual([[1, 2]]);
  });
});

describe('packRgba', () => {
  it('lays the bytes out as ImageData does (R, G, B, A in memory order)', () => {
    const pixel = new Uint32Array([packRgba(31, 119, 180, 255)]);
    expect([...new Uint8ClampedArray(pixel.buffer)]).toEqual([31, 119, 180, 255]);
  });
});
