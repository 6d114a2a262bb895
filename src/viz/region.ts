import { halfPlaneNormal, type Region } from '../core/guidance/region';
import {
  LAYER_Z,
  clipToViewBox,
  createCanvasLayer,
  observeResize,
  preparePanelContainer,
} from './layers';
import { PANEL_MARGIN, viewBox } from './scale';
import { themeColor } from './theme';

export interface RegionLayer {
  /** Draw the region in a view of half-width `extent`; null clears the layer. */
  update(shown: { region: Region; extent: number } | null): void;
  destroy(): void;
}

/**
 * A constraint region (core/guidance/region.ts) on its own canvas below the particles: the
 * allowed side lightly shaded and the boundary drawn dashed, so samples can be seen inside it.
 */
export function createRegionLayer(container: HTMLElement): RegionLayer {
  preparePanelContainer(container);
  const layer = createCanvasLayer(container, LAYER_Z.density, 'region');
  let last: { region: Region; extent: number } | null = null;

  function draw(shown: typeof last): void {
    layer.clear();
    if (!shown) return;
    const { region, extent } = shown;
    const vb = viewBox(layer.width, layer.height, extent, PANEL_MARGIN);
    const ctx = layer.ctx;
    ctx.save();
    clipToViewBox(ctx, vb);
    ctx.beginPath();
    if (region.kind === 'half') {
      // The boundary through c·n along t ⊥ n, long enough to cross the square; then the side n.
      const [nx, ny] = halfPlaneNormal(region);
      const far = 4 * extent;
      const [px, py] = [region.offset * nx, region.offset * ny];
      const corners: [number, number][] = [
        [px - far * ny, py + far * nx],
        [px + far * ny, py - far * nx],
        [px + far * ny + far * nx, py - far * nx + far * ny],
        [px - far * ny + far * nx, py + far * nx + far * ny],
      ];
      corners.forEach(([x, y], i) =>
        i ? ctx.lineTo(vb.x(x), vb.y(y)) : ctx.moveTo(vb.x(x), vb.y(y)),
      );
      ctx.closePath();
    } else {
      ctx.arc(vb.x(region.cx), vb.y(region.cy), region.radius * vb.pxPerUnit, 0, 2 * Math.PI);
    }
    ctx.fillStyle = themeColor(layer.canvas, '--viz-region', 'rgba(230, 159, 0, 0.14)');
    ctx.fill();
    ctx.setLineDash([6, 4]);
    ctx.strokeStyle = themeColor(layer.canvas, '--viz-region-edge', '#a05a00');
    ctx.lineWidth = 1.5;
    ctx.stroke();
    ctx.restore();
  }

  const disconnect = observeResize(container, () => draw(last));
  return {
    update(shown) {
      last = shown;
      draw(shown);
    },
    destroy() {
      disconnect();
      layer.destroy();
    },
  };
}
