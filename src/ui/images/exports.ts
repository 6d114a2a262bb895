import { encodeGrayGif } from '../../viz/gif';
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

/** Saves the tiles as a PNG, `scale` screen pixels per image pixel. */
export function exportPng(tiles: ImageTiles, cols: number, scale: number, name: string): void {
  const { width, height, gray } = composeGray(tiles, gridLayout(tiles.cells, cols));
  const big = upscaleGray(gray, width, height, scale);
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [width * scale, height * scale];
  canvas
    .getContext('2d')
    ?.putImageData(new ImageData(grayToRgba(big), width * scale, height * scale), 0, 0);
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
  const composed = frames.map((t) => composeGray(t, layout));
  const { width, height } = composed[0];
  const bytes = encodeGrayGif(
    composed.map((c) => upscaleGray(c.gray, width, height, scale)),
    width * scale,
    height * scale,
    80,
    1500,
  );
  download(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/gif' }), name);
}
