import { GIFEncoder, applyPalette, quantize } from 'gifenc';

/**
 * An animated GIF built one frame at a time (gifenc: PnnQuant palette per frame, LZW).
 * Frames are RGBA pixels from a canvas; the caller yields between frames so encoding a long
 * playback never blocks the page for long.
 */
export function createGifWriter(delayMs: number) {
  const gif = GIFEncoder();
  return {
    /** `delay` overrides the writer's delay for this frame (e.g. to hold the last one). */
    addFrame(canvas: HTMLCanvasElement, delay = delayMs): void {
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('this browser gives no 2D canvas context for the GIF');
      const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const palette = quantize(data, 256);
      gif.writeFrame(applyPalette(data, palette), width, height, { palette, delay });
    },
    finish(): Blob {
      gif.finish();
      return new Blob([gif.bytes() as Uint8Array<ArrayBuffer>], { type: 'image/gif' });
    },
  };
}
