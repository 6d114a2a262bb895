import { axisBottom, axisLeft, scaleLinear, select, type Selection } from 'd3';
import { backingSize, type ViewBox } from './scale';

/**
 * Stacking order of the layers a 2D panel can hold, all absolutely positioned in one container:
 * density contours at the bottom, then the data set, the particles, the vector field, and the
 * SVG axes on top. Pass a different zIndex to a factory to reorder.
 */
export const LAYER_Z = { density: 1, data: 2, particles: 3, field: 4, axes: 5 } as const;

/** Make the container a positioning context; give it a square shape if it has no height yet. */
export function preparePanelContainer(container: HTMLElement): void {
  if (getComputedStyle(container).position === 'static') container.style.position = 'relative';
  if (container.clientHeight === 0 && !container.style.aspectRatio) {
    container.style.aspectRatio = '1 / 1';
  }
}

/** A canvas covering its container, drawn in CSS pixels whatever the devicePixelRatio. */
export interface CanvasLayer {
  readonly canvas: HTMLCanvasElement;
  readonly ctx: CanvasRenderingContext2D;
  /** CSS size of the container at the last fit(). */
  readonly width: number;
  readonly height: number;
  /** Match the backing store to the container size and devicePixelRatio; true when it changed. */
  fit(): boolean;
  /** fit(), then clear and reset the transform to CSS pixels. */
  clear(): void;
  destroy(): void;
}

export function createCanvasLayer(
  container: HTMLElement,
  zIndex: number,
  name: string,
): CanvasLayer {
  const canvas = document.createElement('canvas');
  canvas.className = `viz-layer viz-${name}`;
  canvas.setAttribute('aria-hidden', 'true');
  Object.assign(canvas.style, {
    position: 'absolute',
    inset: '0',
    width: '100%',
    height: '100%',
    zIndex: String(zIndex),
    pointerEvents: 'none',
  });
  container.appendChild(canvas);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error(`${name}: this browser gives no 2D canvas context`);
  let [width, height, dpr] = [0, 0, 0];
  const layer: CanvasLayer = {
    canvas,
    ctx,
    get width() {
      return width;
    },
    get height() {
      return height;
    },
    fit() {
      const [w, h, r] = [
        container.clientWidth,
        container.clientHeight,
        window.devicePixelRatio || 1,
      ];
      if (w === width && h === height && r === dpr) return false;
      [width, height, dpr] = [w, h, r];
      [canvas.width, canvas.height] = backingSize(w, h, r);
      return true;
    },
    clear() {
      layer.fit();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.setTransform(
        canvas.width / Math.max(1, width),
        0,
        0,
        canvas.height / Math.max(1, height),
        0,
        0,
      );
    },
    destroy() {
      canvas.remove();
    },
  };
  return layer;
}

/** Clip the context to the plot square of a view box (call inside save()/restore()). */
export function clipToViewBox(ctx: CanvasRenderingContext2D, vb: ViewBox): void {
  ctx.beginPath();
  ctx.rect(vb.left, vb.top, vb.side, vb.side);
  ctx.clip();
}

/** Call `onResize` whenever the container changes size; returns the disconnect function. */
export function observeResize(container: HTMLElement, onResize: () => void): () => void {
  if (typeof ResizeObserver === 'undefined') return () => {};
  const observer = new ResizeObserver(() => onResize());
  observer.observe(container);
  return () => observer.disconnect();
}

export type SvgSelection = Selection<SVGSVGElement, unknown, null, undefined>;

/** An SVG covering the container (for axes, labels, legends), described for screen readers. */
export function createSvgLayer(
  container: HTMLElement,
  zIndex: number,
  ariaLabel: string,
): SvgSelection {
  return select(container)
    .append('svg')
    .attr('class', 'viz-layer viz-axes')
    .attr('role', 'img')
    .attr('aria-label', ariaLabel)
    .style('position', 'absolute')
    .style('inset', '0')
    .style('width', '100%')
    .style('height', '100%')
    .style('z-index', String(zIndex))
    .style('pointer-events', 'none')
    .style('overflow', 'visible');
}

/** Draw (or redraw) the square's frame and its x / y axes into `svg`. */
export function drawSquareAxes(svg: SvgSelection, vb: ViewBox, ticks = 5): void {
  const x = scaleLinear()
    .domain([-vb.extent, vb.extent])
    .range([vb.left, vb.left + vb.side]);
  const y = scaleLinear()
    .domain([-vb.extent, vb.extent])
    .range([vb.top + vb.side, vb.top]);
  const frame = svg.selectAll<SVGRectElement, null>('rect.viz-frame').data([null]);
  frame
    .join('rect')
    .attr('class', 'viz-frame')
    .attr('x', vb.left)
    .attr('y', vb.top)
    .attr('width', vb.side)
    .attr('height', vb.side)
    .attr('fill', 'none')
    .attr('stroke', 'currentColor')
    .attr('stroke-opacity', 0.25);
  svg
    .selectAll<SVGGElement, null>('g.viz-x-axis')
    .data([null])
    .join('g')
    .attr('class', 'viz-x-axis')
    .attr('transform', `translate(0,${vb.top + vb.side})`)
    .call(axisBottom(x).ticks(ticks).tickSizeOuter(0));
  svg
    .selectAll<SVGGElement, null>('g.viz-y-axis')
    .data([null])
    .join('g')
    .attr('class', 'viz-y-axis')
    .attr('transform', `translate(${vb.left},0)`)
    .call(axisLeft(y).ticks(ticks).tickSizeOuter(0));
}
