/**
 * Many points as squares written straight into a pixel buffer (no DOM): on a canvas without GPU
 * raster, filling a path of 10,000 small rectangles costs tens of ms at the compositor commit,
 * while writing the same pixels from a typed-array loop and blitting them once costs ~1 ms.
 */

/** Data → device-pixel map of a panel: px = sx·x + ox, py = sy·y + oy. */
export interface PixelMap {
  sx: number;
  ox: number;
  sy: number;
  oy: number;
}

const rgba = new Uint8ClampedArray(4);
const packed = new Uint32Array(rgba.buffer);

/** One RGBA pixel as a Uint32 in the platform's byte order (what a Uint32Array view of ImageData holds). */
export function packRgba(r: number, g: number, b: number, a = 255): number {
  rgba[0] = r;
  rgba[1] = g;
  rgba[2] = b;
  rgba[3] = a;
  return packed[0];
}

/**
 * Writes `color` into a square of side round(2·half) pixels (at least 1) around each (x, y) of
 * `pts`, into `pixels` (row-major, `width` per row, clipped to the buffer). Non-finite points
 * are skipped.
 */
export function rasterizeSquares(
  pixels: Uint32Array,
  width: number,
  pts: Float32Array,
  map: PixelMap,
  half: number,
  color: number,
): void {
  const height = Math.floor(pixels.length / width);
  const side = Math.max(1, Math.round(2 * half));
  const { sx, ox, sy, oy } = map;
  for (let i = 0; i + 1 < pts.length; i += 2) {
    const cx = sx * pts[i] + ox;
    const cy = sy * pts[i + 1] + oy;
    if (!(Math.abs(cx) < 1e9 && Math.abs(cy) < 1e9)) continue;
    const left = Math.round(cx - half);
    const top = Math.round(cy - half);
    const x0 = left > 0 ? left : 0;
    const y0 = top > 0 ? top : 0;
    const x1 = left + side < width ? left + side : width;
    const y1 = top + side < height ? top + side : height;
    for (let y = y0; y < y1; y++) {
      const row = y * width;
      for (let x = x0; x < x1; x++) pixels[row + x] = color;
    }
  }
}
