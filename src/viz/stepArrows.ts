import { select } from 'd3';
import { createSvgLayer, observeResize, preparePanelContainer } from './layers';
import { PANEL_MARGIN, viewBox, type Margin } from './scale';

export type StepArrowKind = 'update' | 'denoise' | 'derivative' | 'history' | 'point' | 'noise';

export interface StepArrow {
  kind: StepArrowKind;
  from: readonly [number, number];
  /** Equal to `from` for a point marker. */
  to: readonly [number, number];
  /** Plain-text label drawn at the tip. */
  label: string;
}

export interface StepArrowFrame {
  /** Half-width of the panel's view square (display coordinates). */
  extent: number;
  arrows: readonly StepArrow[];
}

export interface StepArrowLayer {
  /** Draw the arrows of one step; null clears. */
  update(frame: StepArrowFrame | null): void;
  destroy(): void;
}

/** Colours of the debugger's arrows, also used by its legend. */
export const STEP_ARROW_COLORS: Record<StepArrowKind, string> = {
  update: '#111827',
  denoise: '#e4572e',
  derivative: '#2563eb',
  history: '#8b95a7',
  point: '#7c3aed',
  noise: '#059669',
};

const LAYER_Z_ARROWS = 6;

/**
 * The single-step debugger's arrows on an SVG above a particle panel (same view box as the
 * panel's other layers, scale.ts), clipped to the plot square: one arrow per traced quantity,
 * point markers where an arrow would have no length, labels at the tips.
 */
export function createStepArrowLayer(
  container: HTMLElement,
  options: { margin?: Margin } = {},
): StepArrowLayer {
  preparePanelContainer(container);
  const margin = options.margin ?? PANEL_MARGIN;
  const svg = createSvgLayer(container, LAYER_Z_ARROWS, 'Arrows of the traced step');
  svg.attr('class', 'viz-layer viz-step-arrows');
  const defs = svg.append('defs');
  for (const [kind, color] of Object.entries(STEP_ARROW_COLORS)) {
    defs
      .append('marker')
      .attr('id', markerId(kind))
      .attr('viewBox', '0 0 10 10')
      .attr('refX', 9)
      .attr('refY', 5)
      .attr('markerWidth', 7)
      .attr('markerHeight', 7)
      .attr('orient', 'auto-start-reverse')
      .append('path')
      .attr('d', 'M0,0 L10,5 L0,10 z')
      .attr('fill', color);
  }
  const clipId = `viz-step-clip-${Math.random().toString(36).slice(2)}`;
  const clipRect = defs.append('clipPath').attr('id', clipId).append('rect');
  const root = svg.append('g').attr('clip-path', `url(#${clipId})`);
  let last: StepArrowFrame | null = null;

  function draw(): void {
    root.selectAll('*').remove();
    if (!last) return;
    const vb = viewBox(container.clientWidth, container.clientHeight, last.extent, margin);
    clipRect.attr('x', vb.left).attr('y', vb.top).attr('width', vb.side).attr('height', vb.side);
    for (const a of last.arrows) {
      const color = STEP_ARROW_COLORS[a.kind];
      const [x1, y1, x2, y2] = [vb.x(a.from[0]), vb.y(a.from[1]), vb.x(a.to[0]), vb.y(a.to[1])];
      const g = root.append('g').attr('class', `viz-step-${a.kind}`);
      if (Math.hypot(x2 - x1, y2 - y1) < 2) {
        g.append('circle')
          .attr('cx', x1)
          .attr('cy', y1)
          .attr('r', 4)
          .attr('fill', 'none')
          .attr('stroke', color)
          .attr('stroke-width', 2);
      } else {
        g.append('line')
          .attr('x1', x1)
          .attr('y1', y1)
          .attr('x2', x2)
          .attr('y2', y2)
          .attr('stroke', color)
          .attr('stroke-width', a.kind === 'update' ? 2.5 : 1.75)
          .attr('stroke-dasharray', a.kind === 'history' || a.kind === 'denoise' ? '4 3' : null)
          .attr('marker-end', `url(#${markerId(a.kind)})`);
      }
      g.append('text')
        .attr('x', x2 + 5)
        .attr('y', y2 - 5)
        .attr('fill', color)
        .style('font', '11px sans-serif')
        .style('paint-order', 'stroke')
        .style('stroke', 'var(--viz-bg, #fff)')
        .style('stroke-width', '3px')
        .text(a.label);
    }
  }

  const disconnect = observeResize(container, draw);
  return {
    update(frame) {
      last = frame;
      draw();
    },
    destroy() {
      disconnect();
      select(svg.node()).remove();
      last = null;
    },
  };
}

function markerId(kind: string): string {
  return `viz-step-arrow-${kind}`;
}
