import { interpolateViridis } from 'd3';
import type { SquareGrid } from '../core/metrics/squareGrid';
import {
  LAYER_Z,
  clipToViewBox,
  createCanvasLayer,
  observeResize,
  preparePanelContainer,
} from './layers';
import { PANEL_MARGIN, viewBox, type Margin } from './scale';

export interface HeatmapGrid {
  /** G×G cells over [−L, L]², row-major from (−L, −L) (core/metrics/squareGrid.ts). */
  grid: SquareGrid;
  values: Float32Array;
  /** Colour range [lo, hi]; values outside are clamped, non-finite cells stay blank. */
  range: [number, number];
}

export interface HeatmapLayer {
  update(heatmap: HeatmapGrid | null): void;
  destroy(): void;
}

/**
 * A grid of values as coloured cells (d3.interpolateViridis over `range`) on a canvas beneath
 * a panel's points (LAYER_Z.density), in the panel's view box.
 */
export function createHeatmapLayer(
  container: HTMLElement,
  options: { margin?: Margin; interpolator?: (t: number) => string } = {},
): HeatmapLayer {
  preparePanelContainer(container);
  const layer = createCanvasLayer(container, LAYER_Z.density, 'heatmap');
  const margin = options.margin ?? PANEL_MARGIN;
  const color = options.interpolator ?? interpolateViridis;
  let last: HeatmapGrid | null = null;

  function draw(): void {
    layer.clear();
    if (!last) return;
    const { grid, values, range } = last;
    const G = grid.size;
    const vb = viewBox(layer.width, layer.height, grid.extent, margin);
    const cell = vb.side / G;
    const span = range[1] - range[0] || 1;
    const ctx = layer.ctx;
    ctx.save();
    clipToViewBox(ctx, vb);
    for (let row = 0; row < G; row++) {
      for (let col = 0; col < G; col++) {
        const v = values[row * G + col];
        if (!Number.isFinite(v)) continue;
        ctx.fillStyle = color(Math.min(1, Math.max(0, (v - range[0]) / span)));
        // Row 0 is the bottom (y = −L): screen rows run downwards.
        ctx.fillRect(vb.left + col * cell, vb.top + (G - 1 - row) * cell, cell + 0.5, cell + 0.5);
      }
    }
    ctx.restore();
  }

  const disconnect = observeResize(container, draw);
  return {
    update(heatmap) {
      last = heatmap;
      draw();
    },
    destroy() {
      disconnect();
      layer.destroy();
      last = null;
    },
  };
}
