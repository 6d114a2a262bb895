import { createGifWriter } from '../../viz/gif';
import {
  composeGray,
  grayToRgba,
  gridLayout,
  upscaleGray,
  type ImageTiles,
} from '../../viz/imageGrid';

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function drawGray(
  canvas: HTMLCanvasElement,
  gray: Uint8ClampedArray,
  width: number,
  height: number,
): void {
  [canvas.width, canvas.height] = [width, height];
  canvas.getContext('2d')?.putImageData(new ImageData(grayToRgba(gray), width, height), 0, 0);
}

/** Saves the tiles as a PNG, `scale` screen pixels per image pixel. */
export function exportPng(tiles: ImageTiles, cols: number, scale: number, name: string): void {
  const { width, height, gray } = composeGray(tiles, gridLayout(tiles.cells, cols));
  const canvas = document.createElement('canvas');
  drawGray(canvas, upscaleGray(gray, width, height, scale), width * scale, height * scale);
  canvas.toBlob((blob) => blob && download(blob, name), 'image/png');
}

/** Saves one GIF frame per set of tiles (the denoising), the last held for 1.5 s. */
export function exportGif(
  frames: readonly ImageTiles[],
  cols: number,
  scale: number,
  name: string,
): void {
  if (frames.length === 0) return;
  const layout = gridLayout(frames[0].cells, cols);
  const canvas = document.createElement('canvas');
  const gif = createGifWriter(80);
  frames.forEach((tiles, i) => {
    const { width, height, gray } = composeGray(tiles, layout);
    drawGray(canvas, upscaleGray(gray, width, height, scale), width * scale, height * scale);
    gif.addFrame(canvas, i === frames.length - 1 ? 1500 : 80);
  });
  download(gif.finish(), name);
}
