import { schemeTableau10 } from 'd3';
import { LAYER_Z, clipToViewBox, createCanvasLayer, observeResize } from './layers';
import { PANEL_MARGIN, viewBox, type Margin, type ViewBox } from './scale';
import { themeColor } from './theme';

/** A warped lattice: 2·lines polylines of perLine points each (horizontal lines first). */
export interface MeshLines {
  lines: number;
  perLine: number;
  /** Flat (x, y), 2 · lines · perLine points. */
  points: Float32Array;
}

export interface MeshLayerFrame {
  /** Half-width L of the data square (must match the panel's particle plot). */
  extent: number;
  mesh: MeshLines | null;
  /** Faint whole trajectories (flat (x, y) polylines), each with a dot at `samplesNow`. */
  samples?: readonly Float32Array[];
  samplesNow?: Float32Array;
  /** The dragged point's whole path and where it is now; drawn on top. */
  probePath?: Float32Array | null;
  probe?: readonly [number, number] | null;
}

export interface MeshLayer {
  update(frame: MeshLayerFrame): void;
  destroy(): void;
}

const ROW_COLOR = '#4e79a7';
const COLUMN_COLOR = '#e15759';
const SAMPLE_COLORS = schemeTableau10;

/**
 * The mesh view's canvas: lattice lines (rows blue, columns red, so a fold shows as lines of
 * one colour crossing), sample trajectories and the dragged point's path, on a canvas that
 * lines up with a particle plot in the same container (scale.ts's view box).
 */
export function createMeshLayer(container: HTMLElement, margin: Margin = PANEL_MARGIN): MeshLayer {
  const layer = createCanvasLayer(container, LAYER_Z.particles + 0.5, 'mesh');
  let last: MeshLayerFrame | null = null;

  function draw(frame: MeshLayerFrame): void {
    layer.clear();
    const vb = viewBox(layer.width, layer.height, frame.extent, margin);
    const ctx = layer.ctx;
    ctx.save();
    clipToViewBox(ctx, vb);
    if (frame.mesh) drawMesh(ctx, vb, frame.mesh);
    frame.samples?.forEach((path, k) => {
      const color = SAMPLE_COLORS[k % SAMPLE_COLORS.length];
      ctx.globalAlpha = 0.55;
      strokePolyline(ctx, vb, path, color, 1.25);
      ctx.globalAlpha = 1;
      const now = frame.samplesNow;
      if (now && now.length >= 2 * k + 2) dot(ctx, vb, now[2 * k], now[2 * k + 1], 3, color);
    });
    const probe = themeColor(ctx.canvas, '--viz-ink', '#111111');
    if (frame.probePath) strokePolyline(ctx, vb, frame.probePath, probe, 2);
    if (frame.probe) {
      dot(ctx, vb, frame.probe[0], frame.probe[1], 6, themeColor(ctx.canvas, '--viz-bg', '#fff'));
      dot(ctx, vb, frame.probe[0], frame.probe[1], 4, probe);
    }
    ctx.restore();
  }

  const disconnect = observeResize(container, () => last && draw(last));
  return {
    update(frame) {
      if (!(frame.extent > 0))
        throw new Error(`MeshLayer: extent must be > 0, got ${frame.extent}`);
      last = frame;
      draw(frame);
    },
    destroy() {
      disconnect();
      layer.destroy();
      last = null;
    },
  };
}

function drawMesh(ctx: CanvasRenderingContext2D, vb: ViewBox, mesh: MeshLines): void {
  const { lines, perLine, points } = mesh;
  if (points.length !== 4 * lines * perLine)
    throw new Error(`MeshLayer: ${points.length / 2} points for ${lines} × 2 lines of ${perLine}`);
  ctx.lineWidth = 1;
  for (const [first, color] of [
    [0, ROW_COLOR],
    [lines, COLUMN_COLOR],
  ] as const) {
    ctx.strokeStyle = color;
    ctx.globalAlpha = 0.75;
    ctx.beginPath();
    for (let l = first; l < first + lines; l++) {
      for (let k = 0; k < perLine; k++) {
        const i = 2 * (l * perLine + k);
        const [x, y] = [vb.x(points[i]), vb.y(points[i + 1])];
        if (k === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
    }
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}

function strokePolyline(
  ctx: CanvasRenderingContext2D,
  vb: ViewBox,
  pts: Float32Array,
  color: string,
  width: number,
): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.beginPath();
  for (let i = 0; i + 1 < pts.length; i += 2) {
    const [x, y] = [vb.x(pts[i]), vb.y(pts[i + 1])];
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.stroke();
}

function dot(
  ctx: CanvasRenderingContext2D,
  vb: ViewBox,
  x: number,
  y: number,
  r: number,
  color: string,
): void {
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.arc(vb.x(x), vb.y(y), r, 0, 2 * Math.PI);
  ctx.fill();
}
