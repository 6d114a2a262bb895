import { geoPath, geoTransform, interpolateBlues } from 'd3';
import type { SquareGrid } from '../core/metrics/squareGrid';
import { densityThresholds, gridContours, gridToData, type DensityScale } from './contours';
import {
  LAYER_Z,
  clipToViewBox,
  createCanvasLayer,
  observeResize,
  preparePanelContainer,
} from './layers';
import { PANEL_MARGIN, viewBox, type Margin } from './scale';

export interface DensityLayerOptions {
  /** Number of filled bands. Default 7. */
  bands?: number;
  /** Log-density range covered below the maximum, in nats. Default 6. */
  span?: number;
  /** Sequential colour scale on [0, 1]; bands use its light part. Default d3.interpolateBlues. */
  interpolator?: (t: number) => string;
  opacity?: number;
  margin?: Margin;
  zIndex?: number;
}

export interface DensityGrid {
  /** G×G cells over [−L, L]², row-major from (−L, −L) (see core/metrics/squareGrid.ts). */
  grid: SquareGrid;
  values: Float32Array;
  /** Whether values are densities (default) or log-densities. */
  scale?: DensityScale;
  /** Half-width of the panel's view, when it differs from grid.extent. */
  extent?: number;
}

export interface DensityLayer {
  /** Draw filled contour bands of a grid; null clears the layer. */
  update(density: DensityGrid | null): void;
  destroy(): void;
}

/**
 * Filled density contours (d3-contour) on a canvas beneath the particles (LAYER_Z.density).
 * Bands are nested level sets {p ≥ threshold}, painted from the lowest up, with thresholds
 * evenly spaced in log-density. For the density of the current particles, feed it
 * kdeGrid(points, L, G, h) from core/metrics/kde.ts.
 */
export function createDensityLayer(
  container: HTMLElement,
  options: DensityLayerOptions = {},
): DensityLayer {
  preparePanelContainer(container);
  const layer = createCanvasLayer(container, options.zIndex ?? LAYER_Z.density, 'density');
  const margin = options.margin ?? PANEL_MARGIN;
  const bands = options.bands ?? 7;
  const interpolator = options.interpolator ?? interpolateBlues;
  let last: DensityGrid | null = null;

  function draw(density: DensityGrid | null): void {
    layer.clear();
    if (!density) return;
    const { grid, values } = density;
    const thresholds = densityThresholds(values, bands, density.scale ?? 'density', options.span);
    if (thresholds.length === 0) return;
    const vb = viewBox(layer.width, layer.height, density.extent ?? grid.extent, margin);
    const toPixels = geoTransform({
      point(gx: number, gy: number) {
        this.stream.point(vb.x(gridToData(gx, grid)), vb.y(gridToData(gy, grid)));
      },
    });
    const ctx = layer.ctx;
    const path = geoPath(toPixels, ctx);
    ctx.save();
    clipToViewBox(ctx, vb);
    ctx.globalAlpha = options.opacity ?? 0.85;
    gridContours(values, grid.size, thresholds).forEach((band, k) => {
      ctx.fillStyle = interpolator(0.1 + (0.55 * (k + 1)) / bands);
      ctx.beginPath();
      path(band);
      ctx.fill();
    });
    ctx.restore();
  }

  const disconnect = observeResize(container, () => draw(last));
  return {
    update(density) {
      // An empty layer stays as it is: clearing it again would still cost a canvas upload per frame.
      if (density === null && last === null) return;
      last = density;
      draw(density);
    },
    destroy() {
      disconnect();
      layer.destroy();
      last = null;
    },
  };
}
