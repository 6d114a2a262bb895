import { color as parseColor, schemeTableau10 } from 'd3';
import {
  LAYER_Z,
  clipToViewBox,
  createCanvasLayer,
  type CanvasLayer,
  createSvgLayer,
  drawSquareAxes,
  observeResize,
  preparePanelContainer,
} from './layers';
import { packRgba, rasterizeSquares } from './pointRaster';
import { PANEL_MARGIN, viewBox, type Margin, type ViewBox } from './scale';
import { frameAt, trailAlpha, trailStride } from './trails';
import { resolveColor, themeColor } from './theme';

export interface ParticlePlotOptions {
  /** Half-width L of the data square [−L, L]². */
  extent: number;
  /** Accessible name of the plot (the SVG gets role="img"). */
  ariaLabel: string;
  /** Particle colour (CSS). */
  color?: string;
  margin?: Margin;
  /** Most particles that get a trail (a regular subset). Default 500. */
  maxTrails?: number;
}

/** One frame. Point sets are flat (x, y) Float32Arrays; fields left out keep nothing from before. */
export interface ParticleFrame {
  points: Float32Array;
  /** x̂₀ estimates, drawn as faint hollow points. */
  ghosts?: Float32Array;
  /** Previous frames, oldest first: fading tails for a subset of particles. */
  trails?: readonly Float32Array[];
  /** Indices of a few particles whose whole paths are drawn as coloured polylines. */
  highlight?: Int32Array;
  /** The frames those paths go through, oldest first (each all particles); default trails. */
  paths?: readonly Float32Array[];
  color?: string;
  /** New half-width L (rescales the axes and every layer drawn from this plot). */
  extent?: number;
  /** Data set reference points (light grey, redrawn only when this array changes); null clears. */
  data?: Float32Array | null;
}

export interface ParticlePlot {
  update(frame: ParticleFrame): void;
  /** The current view box (for hit-testing pointer events against data coordinates). */
  viewBox(): ViewBox;
  destroy(): void;
}

const HIGHLIGHT_COLORS = schemeTableau10.slice(1);
/** Above this many ghosts, hollow squares replace circles (arcs cost ~20× more to stroke). */
const HOLLOW_CIRCLE_LIMIT = 2000;

/**
 * Particles on a 2D canvas (pixels written from a typed-array loop, see pointRaster.ts), the data set
 * on a canvas beneath that is redrawn only when it changes, axes on an SVG above. Layers from
 * createFieldLayer / createDensityLayer in the same container line up with it (see scale.ts).
 */
export function createParticlePlot(
  container: HTMLElement,
  options: ParticlePlotOptions,
): ParticlePlot {
  if (!(options.extent > 0))
    throw new Error(`createParticlePlot: extent must be > 0, got ${options.extent}`);
  preparePanelContainer(container);
  const margin = options.margin ?? PANEL_MARGIN;
  const maxTrails = options.maxTrails ?? 500;
  const dataLayer = createCanvasLayer(container, LAYER_Z.data, 'data');
  const particleLayer = createCanvasLayer(container, LAYER_Z.particles, 'particles');
  const svg = createSvgLayer(container, LAYER_Z.axes, options.ariaLabel);
  const raster = createPointRaster();
  let extent = options.extent;
  let vb = viewBox(0, 0, extent, margin);
  let data: Float32Array | null = null;
  let last: ParticleFrame | null = null;

  function layout(): void {
    particleLayer.fit();
    vb = viewBox(particleLayer.width, particleLayer.height, extent, margin);
    drawSquareAxes(svg, vb);
    drawData();
  }

  function drawData(): void {
    dataLayer.clear();
    if (!data) return;
    const ctx = dataLayer.ctx;
    ctx.save();
    clipToViewBox(ctx, vb);
    ctx.fillStyle = themeColor(dataLayer.canvas, '--viz-data', '#c4c4c4');
    fillPoints(ctx, vb, data, 1.5);
    ctx.restore();
  }

  function drawFrame(frame: ParticleFrame): void {
    particleLayer.clear();
    const ctx = particleLayer.ctx;
    ctx.save();
    clipToViewBox(ctx, vb);
    const n = frame.points.length / 2;
    if (frame.trails && frame.trails.length > 0) {
      const trail = resolveColor(
        particleLayer.canvas,
        frame.color ?? options.color ?? 'var(--viz-particle, #0072b2)',
      );
      drawTrails(ctx, vb, frame.trails, frame.points, trailStride(n, maxTrails), trail);
    }
    if (frame.ghosts) {
      ctx.globalAlpha = n > 5000 ? 0.2 : 0.35;
      ctx.strokeStyle = themeColor(particleLayer.canvas, '--viz-ghost', '#d55e00');
      ctx.lineWidth = 1;
      strokeHollow(ctx, vb, frame.ghosts, n > 5000 ? 1.5 : 2.5);
      ctx.globalAlpha = 1;
    }
    const color = resolveColor(
      particleLayer.canvas,
      frame.color ?? options.color ?? 'var(--viz-particle, #0072b2)',
    );
    raster.draw(particleLayer, vb, frame.points, n > 5000 ? 1 : 1.75, color);
    if (frame.highlight && frame.highlight.length > 0) {
      drawHighlights(ctx, vb, frame.highlight, frame.paths ?? frame.trails ?? [], frame.points);
    }
    ctx.restore();
  }

  const disconnect = observeResize(container, () => {
    layout();
    if (last) drawFrame(last);
  });
  layout();

  return {
    update(frame) {
      let relayout = particleLayer.fit();
      if (frame.extent !== undefined && frame.extent !== extent) {
        if (!(frame.extent > 0))
          throw new Error(`ParticlePlot.update: extent must be > 0, got ${frame.extent}`);
        extent = frame.extent;
        relayout = true;
      }
      if (frame.data !== undefined && frame.data !== data) {
        data = frame.data;
        if (!relayout) drawData();
      }
      if (relayout) layout();
      last = frame;
      drawFrame(frame);
    },
    viewBox: () => vb,
    destroy() {
      disconnect();
      dataLayer.destroy();
      particleLayer.destroy();
      svg.remove();
      last = null;
      data = null;
    },
  };
}

/** The data set's points as one path of small squares, filled once (drawn only when it changes). */
function fillPoints(
  ctx: CanvasRenderingContext2D,
  vb: ViewBox,
  pts: Float32Array,
  r: number,
): void {
  const d = 2 * r;
  ctx.beginPath();
  for (let i = 0; i + 1 < pts.length; i += 2) {
    const x = vb.x(pts[i]);
    const y = vb.y(pts[i + 1]);
    if (x === x && y === y) ctx.rect(x - r, y - r, d, d);
  }
  ctx.fill();
}

/**
 * Draws points as squares of side 2r (CSS pixels) into a canvas layer (inside its clip): the
 * squares are written into an ImageData the size of the layer's backing store, put on a
 * detached canvas and blitted once, so drawing order with the layer's other marks is kept.
 */
function createPointRaster() {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('particles: this browser gives no 2D canvas context');
  let image: ImageData | null = null;
  let pixels = new Uint32Array(0);
  const colors = new Map<string, number>();

  function packed(css: string): number {
    let v = colors.get(css);
    if (v === undefined) {
      const c = parseColor(css)?.rgb();
      v = c ? packRgba(c.r, c.g, c.b, Math.round(255 * c.opacity)) : packRgba(0, 0, 0);
      colors.set(css, v);
    }
    return v;
  }

  return {
    draw(layer: CanvasLayer, vb: ViewBox, pts: Float32Array, r: number, css: string): void {
      const { width, height } = layer.canvas;
      if (!image || image.width !== width || image.height !== height) {
        [canvas.width, canvas.height] = [width, height];
        image = ctx.createImageData(width, height);
        pixels = new Uint32Array(image.data.buffer);
      } else {
        pixels.fill(0);
      }
      const kx = width / Math.max(1, layer.width);
      const ky = height / Math.max(1, layer.height);
      const map = {
        sx: vb.pxPerUnit * kx,
        ox: vb.x(0) * kx,
        sy: -vb.pxPerUnit * ky,
        oy: vb.y(0) * ky,
      };
      rasterizeSquares(pixels, width, pts, map, r * kx, packed(css));
      ctx.putImageData(image, 0, 0);
      layer.ctx.drawImage(canvas, 0, 0, layer.width, layer.height);
    },
  };
}

/** Hollow markers as one stroked path: circles for a few points, squares (much cheaper) for many. */
function strokeHollow(
  ctx: CanvasRenderingContext2D,
  vb: ViewBox,
  pts: Float32Array,
  r: number,
): void {
  const circles = pts.length <= 2 * HOLLOW_CIRCLE_LIMIT;
  ctx.beginPath();
  for (let i = 0; i + 1 < pts.length; i += 2) {
    const x = vb.x(pts[i]);
    const y = vb.y(pts[i + 1]);
    if (x !== x || y !== y) continue;
    if (circles) {
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
    } else {
      ctx.rect(x - r, y - r, 2 * r, 2 * r);
    }
  }
  ctx.stroke();
}

/** One path per age, so each age costs one stroke() whatever the number of particles. */
function drawTrails(
  ctx: CanvasRenderingContext2D,
  vb: ViewBox,
  trails: readonly Float32Array[],
  current: Float32Array,
  stride: number,
  color: string,
): void {
  const segments = trails.length;
  ctx.strokeStyle = color;
  ctx.lineWidth = 1;
  for (let j = 0; j < segments; j++) {
    const a = frameAt(trails, current, j);
    const b = frameAt(trails, current, j + 1);
    const len = Math.min(a.length, b.length);
    ctx.globalAlpha = trailAlpha(segments - 1 - j, segments, 0.5);
    ctx.beginPath();
    for (let i = 0; i + 1 < len; i += 2 * stride) {
      ctx.moveTo(vb.x(a[i]), vb.y(a[i + 1]));
      ctx.lineTo(vb.x(b[i]), vb.y(b[i + 1]));
    }
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}

function drawHighlights(
  ctx: CanvasRenderingContext2D,
  vb: ViewBox,
  highlight: Int32Array,
  frames: readonly Float32Array[],
  current: Float32Array,
): void {
  ctx.lineWidth = 2;
  for (let h = 0; h < highlight.length; h++) {
    const i = 2 * highlight[h];
    const color = HIGHLIGHT_COLORS[h % HIGHLIGHT_COLORS.length];
    ctx.strokeStyle = color;
    ctx.beginPath();
    let started = false;
    for (let j = 0; j <= frames.length; j++) {
      const f = frameAt(frames, current, j);
      if (i + 1 >= f.length) continue;
      const x = vb.x(f[i]);
      const y = vb.y(f[i + 1]);
      if (started) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
      started = true;
    }
    ctx.stroke();
    if (i + 1 < current.length) {
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.arc(vb.x(current[i]), vb.y(current[i + 1]), 4, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
}
