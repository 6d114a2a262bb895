import { cellCenter, cellWidth, type SquareGrid } from '../core/metrics/squareGrid';
import { arrowLength, robustMaxNorm } from './fieldScale';
import {
  LAYER_Z,
  clipToViewBox,
  createCanvasLayer,
  observeResize,
  preparePanelContainer,
} from './layers';
import { PANEL_MARGIN, viewBox, type Margin } from './scale';
import { themeColor } from './theme';

export interface FieldLayerOptions {
  /** Arrow colour (CSS). */
  color?: string;
  /** Quantile of the norms that maps to a full-length arrow. Default 0.95. */
  quantile?: number;
  /** Longest arrow, in cell widths. Default 0.9. */
  maxLength?: number;
  margin?: Margin;
  zIndex?: number;
}

export interface VectorField {
  /** G×G cells over [−L, L]², values at cell centres (see core/metrics/squareGrid.ts). */
  grid: SquareGrid;
  /** Flat (vx, vy) per cell, row-major from (−L, −L). */
  vectors: Float32Array;
  /** Half-width of the panel's view, when it differs from grid.extent. */
  extent?: number;
}

export interface FieldLayer {
  /** Draw a field; null clears the layer. */
  update(field: VectorField | null): void;
  destroy(): void;
}

/**
 * A vector field as arrows on its own absolutely positioned canvas. Create it in the same
 * container as a particle plot (same margin and extent) and it lies exactly on top of it,
 * above the particles by default (LAYER_Z.field). Lengths are scaled by a robust maximum.
 */
export function createFieldLayer(
  container: HTMLElement,
  options: FieldLayerOptions = {},
): FieldLayer {
  preparePanelContainer(container);
  const layer = createCanvasLayer(container, options.zIndex ?? LAYER_Z.field, 'field');
  const margin = options.margin ?? PANEL_MARGIN;
  let scratch = new Float32Array(0);
  let last: VectorField | null = null;

  function draw(field: VectorField | null): void {
    layer.clear();
    if (!field) return;
    const { grid, vectors } = field;
    const G = grid.size;
    if (vectors.length !== 2 * G * G) {
      throw new Error(
        `FieldLayer: ${vectors.length} values for a ${G}×${G} grid (need ${2 * G * G})`,
      );
    }
    if (scratch.length < G * G) scratch = new Float32Array(G * G);
    const robust = robustMaxNorm(vectors, options.quantile ?? 0.95, scratch);
    const vb = viewBox(layer.width, layer.height, field.extent ?? grid.extent, margin);
    const cellPx = cellWidth(grid) * vb.pxPerUnit;
    const ctx = layer.ctx;
    ctx.save();
    clipToViewBox(ctx, vb);
    ctx.strokeStyle = options.color ?? themeColor(layer.canvas, '--viz-ink', '#333');
    ctx.globalAlpha = 0.8;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let row = 0; row < G; row++) {
      const y0 = vb.y(cellCenter(grid, row));
      for (let col = 0; col < G; col++) {
        const k = 2 * (row * G + col);
        const vx = vectors[k];
        const vy = vectors[k + 1];
        const norm = Math.hypot(vx, vy);
        const len = arrowLength(norm, robust, options.maxLength) * cellPx;
        if (!(len > 0.5)) continue;
        // Unit direction on screen (y flipped), centred on the cell.
        const ux = vx / norm;
        const uy = -vy / norm;
        const x0 = vb.x(cellCenter(grid, col));
        const tx = x0 + 0.5 * len * ux;
        const ty = y0 + 0.5 * len * uy;
        ctx.moveTo(x0 - 0.5 * len * ux, y0 - 0.5 * len * uy);
        ctx.lineTo(tx, ty);
        // Head: two strokes at ±30° back from the tip.
        const head = Math.min(0.35 * len, 6);
        ctx.moveTo(tx - head * (0.866 * ux - 0.5 * uy), ty - head * (0.5 * ux + 0.866 * uy));
        ctx.lineTo(tx, ty);
        ctx.lineTo(tx - head * (0.866 * ux + 0.5 * uy), ty - head * (-0.5 * ux + 0.866 * uy));
      }
    }
    ctx.stroke();
    ctx.restore();
  }

  const disconnect = observeResize(container, () => draw(last));
  return {
    update(field) {
      // An empty layer stays as it is: clearing it again would still cost a canvas upload per frame.
      if (field === null && last === null) return;
      last = field;
      draw(field);
    },
    destroy() {
      disconnect();
      layer.destroy();
      last = null;
    },
  };
}
