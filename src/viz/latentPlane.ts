/**
 * The latent view's plane: a particle plot (particles.ts) over two layers of its own, the decoded
 * map (the decoder's images on a grid of latents, tiled where those latents lie) and the encoded
 * training set coloured by class, with a ring on the selected (or dragged) latent above.
 */
import { clipToViewBox, createCanvasLayer, LAYER_Z, observeResize } from './layers';
import { createParticlePlot, type ParticleFrame } from './particles';
import type { ViewBox } from './scale';

/**
 * Paul Tol's "muted" qualitative scheme (colour-blind safe, 9 colours) and his pale grey for a
 * tenth class (Tol 2021, "Colour schemes", SRON/EPS/TN/09-002, fig. 4).
 */
export const CLASS_COLORS = [
  '#332288',
  '#88CCEE',
  '#44AA99',
  '#117733',
  '#999933',
  '#DDCC77',
  '#CC6677',
  '#882255',
  '#AA4499',
  '#BBBBBB',
] as const;

/** Decoded images (pixels in [−1, 1]) of a size² grid of latents over ±extent, row 0 on top. */
export interface DecodedMap {
  size: number;
  extent: number;
  height: number;
  width: number;
  images: Float32Array;
}

export interface LatentPlaneFrame extends ParticleFrame {
  map: DecodedMap | null;
  /** The encoded set (flat 2D) and each point's class. */
  classes: { points: Float32Array; labels: Int32Array } | null;
  /** The selected particle's latent, ringed. */
  selected: [number, number] | null;
}

export interface LatentPlane {
  update(frame: LatentPlaneFrame): void;
  viewBox(): ViewBox;
  destroy(): void;
}

/** The index of the point of `points` (flat 2D) nearest to z within `radius`, or −1. */
export function pickPoint(
  points: Float32Array,
  z: readonly [number, number],
  radius: number,
): number {
  let best = -1;
  let bestD = radius * radius;
  for (let i = 0; i < points.length / 2; i++) {
    const d = (points[2 * i] - z[0]) ** 2 + (points[2 * i + 1] - z[1]) ** 2;
    if (d < bestD) [best, bestD] = [i, d];
  }
  return best;
}

/** One canvas holding every map tile at its cell, grey from the pixels (−1 black, +1 white). */
function mapCanvas(map: DecodedMap): HTMLCanvasElement {
  const { size, height: h, width: w, images } = map;
  const canvas = document.createElement('canvas');
  canvas.width = size * w;
  canvas.height = size * h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  const img = ctx.createImageData(size * w, size * h);
  for (let cell = 0; cell < size * size; cell++) {
    const [r, c] = [Math.floor(cell / size), cell % size];
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        // Inverted grey: ink dark on a light page, so the particles stay readable above it.
        const v = 255 - Math.round((images[cell * h * w + y * w + x] + 1) * 127.5);
        const at = 4 * ((r * h + y) * size * w + c * w + x);
        img.data[at] = img.data[at + 1] = img.data[at + 2] = v;
        img.data[at + 3] = 255;
      }
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
}

export function createLatentPlane(
  container: HTMLElement,
  options: { extent: number; ariaLabel: string },
): LatentPlane {
  const plot = createParticlePlot(container, { ...options, color: '#111', maxTrails: 300 });
  const mapLayer = createCanvasLayer(container, 0, 'latent-map');
  const classLayer = createCanvasLayer(container, LAYER_Z.density, 'latent-classes');
  const ringLayer = createCanvasLayer(container, LAYER_Z.field, 'latent-ring');
  let last: LatentPlaneFrame | null = null;
  let drawn: { extent: number; map: DecodedMap | null; classes: unknown; w: number } | null = null;
  let tiles: { map: DecodedMap; canvas: HTMLCanvasElement } | null = null;

  function drawBackground(frame: LatentPlaneFrame, vb: ViewBox): void {
    mapLayer.clear();
    classLayer.clear();
    const { map, classes } = frame;
    if (map) {
      if (tiles?.map !== map) tiles = { map, canvas: mapCanvas(map) };
      const ctx = mapLayer.ctx;
      ctx.save();
      clipToViewBox(ctx, vb);
      ctx.globalAlpha = 0.45;
      const side = 2 * map.extent * vb.pxPerUnit;
      ctx.drawImage(tiles.canvas, vb.x(-map.extent), vb.y(map.extent), side, side);
      ctx.restore();
    }
    if (classes) {
      const ctx = classLayer.ctx;
      ctx.save();
      clipToViewBox(ctx, vb);
      const r = 1.6;
      for (let i = 0; i < classes.labels.length; i++) {
        ctx.fillStyle = CLASS_COLORS[classes.labels[i] % CLASS_COLORS.length];
        const px = vb.x(classes.points[2 * i]);
        const py = vb.y(classes.points[2 * i + 1]);
        ctx.fillRect(px - r, py - r, 2 * r, 2 * r);
      }
      ctx.restore();
    }
  }

  function drawRing(frame: LatentPlaneFrame, vb: ViewBox): void {
    ringLayer.clear();
    if (!frame.selected) return;
    const ctx = ringLayer.ctx;
    ctx.save();
    clipToViewBox(ctx, vb);
    ctx.strokeStyle = '#d55e00';
    ctx.lineWidth = 2.5;
    ctx.beginPath();
    ctx.arc(vb.x(frame.selected[0]), vb.y(frame.selected[1]), 7, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.restore();
  }

  function draw(frame: LatentPlaneFrame): void {
    plot.update(frame);
    const vb = plot.viewBox();
    const changed =
      !drawn ||
      drawn.extent !== vb.extent ||
      drawn.map !== frame.map ||
      drawn.classes !== frame.classes ||
      drawn.w !== vb.side;
    if (changed) {
      drawBackground(frame, vb);
      drawn = { extent: vb.extent, map: frame.map, classes: frame.classes, w: vb.side };
    }
    drawRing(frame, vb);
  }

  const disconnect = observeResize(container, () => {
    drawn = null;
    if (last) draw(last);
  });

  return {
    update(frame) {
      last = frame;
      draw(frame);
    },
    viewBox: () => plot.viewBox(),
    destroy() {
      disconnect();
      for (const layer of [mapLayer, classLayer, ringLayer]) layer.destroy();
      plot.destroy();
    },
  };
}
