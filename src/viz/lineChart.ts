import {
  axisBottom,
  axisLeft,
  line,
  scaleLinear,
  scaleLog,
  schemeTableau10,
  select,
  type Selection,
} from 'd3';
import { drawableExtent } from './chartMath';
import { createToggleChart } from './legend';
import { observeResize } from './layers';
import type { Margin } from './scale';

export interface LineSeries {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color?: string;
  dashed?: boolean;
  /** Dots at each point (for short series such as error vs NFE). */
  markers?: boolean;
  /** Text drawn just right of the series' last drawable point (e.g. a fitted slope). */
  endLabel?: string;
}

export interface LineChartOptions {
  ariaLabel: string;
  xLabel?: string;
  yLabel?: string;
  logX?: boolean;
  logY?: boolean;
  /** Height in CSS pixels (the width follows the container). Default 200. */
  height?: number;
  margin?: Margin;
}

export interface LineChartData {
  series: readonly LineSeries[];
  /** Override the axes' scale type or labels for this and later updates. */
  logX?: boolean;
  logY?: boolean;
  xLabel?: string;
  yLabel?: string;
}

export interface LineChart {
  update(data: LineChartData): void;
  /**
   * The chart as a standalone SVG document (the shown series, axes, labels and a legend drawn
   * into the SVG), for export.
   */
  toSvg(): string;
  destroy(): void;
}

const DEFAULT_MARGIN: Margin = { top: 10, right: 12, bottom: 36, left: 52 };

/**
 * A small SVG line chart of named series (linear or log axes), with a legend whose buttons
 * hide and show series. Points that a log axis cannot show (≤ 0, non-finite) leave gaps.
 */
export function createLineChart(container: HTMLElement, options: LineChartOptions): LineChart {
  const margin = options.margin ?? DEFAULT_MARGIN;
  const height = options.height ?? 200;
  const settings = {
    logX: !!options.logX,
    logY: !!options.logY,
    xLabel: options.xLabel ?? '',
    yLabel: options.yLabel ?? '',
  };
  let series: readonly LineSeries[] = [];
  const { hidden, root, legend, svg } = createToggleChart(
    container,
    'viz-line-chart',
    options.ariaLabel,
    () => render(),
  );
  const plot = svg.append('g');
  const xAxis = svg.append('g');
  const yAxis = svg.append('g');
  const xLabel = svg
    .append('text')
    .attr('text-anchor', 'middle')
    .attr('fill', 'currentColor')
    .style('font', '12px sans-serif');
  const yLabel = svg
    .append('text')
    .attr('text-anchor', 'middle')
    .attr('fill', 'currentColor')
    .style('font', '12px sans-serif');
  const emptyNote = svg
    .append('text')
    .attr('fill', 'currentColor')
    .attr('opacity', 0.6)
    .style('font', '12px sans-serif');

  function render(): void {
    const width = Math.max(120, container.clientWidth);
    svg.attr('width', width).attr('height', height);
    const colorOf = (s: LineSeries, i: number) => s.color ?? schemeTableau10[i % 10];
    legend.update(
      series.map((s, i) => ({
        key: s.name,
        label: s.name,
        color: colorOf(s, i),
        dashed: s.dashed,
        on: !hidden.has(s.name),
      })),
    );
    const shown = series.filter((s) => !hidden.has(s.name));
    const xd = drawableExtent(
      shown.map((s) => s.x),
      settings.logX,
    );
    const yd = drawableExtent(
      shown.map((s) => s.y),
      settings.logY,
    );
    const [x0, x1, y0, y1] = [
      margin.left,
      width - margin.right,
      height - margin.bottom,
      margin.top,
    ];
    emptyNote
      .text(xd && yd ? '' : 'no data')
      .attr('x', x0 + 8)
      .attr('y', y1 + 16);
    const x = (settings.logX ? scaleLog() : scaleLinear()).domain(xd ?? [1, 10]).range([x0, x1]);
    const y = (settings.logY ? scaleLog() : scaleLinear()).domain(yd ?? [1, 10]).range([y0, y1]);
    if (!settings.logX) x.nice();
    if (!settings.logY) y.nice();
    xAxis
      .attr('transform', `translate(0,${y0})`)
      .call(
        axisBottom(x).ticks(Math.max(2, Math.floor(width / 80)), settings.logX ? '~g' : undefined),
      );
    yAxis
      .attr('transform', `translate(${x0},0)`)
      .call(axisLeft(y).ticks(5, settings.logY ? '~g' : undefined));
    xLabel
      .text(settings.xLabel)
      .attr('x', (x0 + x1) / 2)
      .attr('y', height - 4);
    yLabel.text(settings.yLabel).attr('transform', `translate(12,${(y0 + y1) / 2}) rotate(-90)`);
    const ok = (v: number, log: boolean) => Number.isFinite(v) && (!log || v > 0);
    const groups = plot
      .selectAll<SVGGElement, LineSeries>('g.viz-series')
      .data(shown, (s) => s.name)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'viz-series');
        g.append('path').attr('fill', 'none').attr('stroke-width', 1.75);
        return g;
      });
    groups.each(function (s) {
      const color = colorOf(s, series.indexOf(s));
      const n = Math.min(s.x.length, s.y.length);
      const idx = Array.from({ length: n }, (_, k) => k);
      const defined = (i: number) => ok(s.x[i], settings.logX) && ok(s.y[i], settings.logY);
      const g = select(this);
      g.select('path')
        .attr('stroke', color)
        .attr('stroke-dasharray', s.dashed ? '5 3' : null)
        .attr(
          'd',
          line<number>()
            .defined(defined)
            .x((i) => x(s.x[i]))
            .y((i) => y(s.y[i]))(idx),
        );
      g.selectAll('circle')
        .data(s.markers ? idx.filter(defined) : [])
        .join('circle')
        .attr('r', 3)
        .attr('fill', color)
        .attr('cx', (i) => x(s.x[i]))
        .attr('cy', (i) => y(s.y[i]));
      const tip = idx.filter(defined).at(-1);
      g.selectAll('text.viz-end-label')
        .data(s.endLabel && tip !== undefined ? [tip] : [])
        .join('text')
        .attr('class', 'viz-end-label')
        .attr('x', (i) => x(s.x[i]) + 6)
        .attr('y', (i) => y(s.y[i]) + 4)
        .attr('fill', color)
        .style('font', '11px sans-serif')
        .text(s.endLabel ?? '');
    });
    spreadEndLabels(plot.selectAll<SVGTextElement, number>('text.viz-end-label'), y1 + 8, y0);
  }

  function toSvg(): string {
    const clone = svg.node()!.cloneNode(true) as SVGSVGElement;
    const out = select(clone)
      .attr('xmlns', 'http://www.w3.org/2000/svg')
      .style('font-family', 'sans-serif')
      .style('background', '#fff');
    out
      .insert('rect', ':first-child')
      .attr('width', '100%')
      .attr('height', '100%')
      .attr('fill', '#fff');
    const shown = series.filter((s) => !hidden.has(s.name));
    // Bottom left: on decreasing curves (errors, losses) the emptiest corner.
    const legendTop = height - margin.bottom - 8 - 14 * (shown.length - 1);
    const legend = out
      .append('g')
      .attr('transform', `translate(${margin.left + 8},${legendTop})`)
      .style('font', '11px sans-serif');
    shown.forEach((s, k) => {
      const color = s.color ?? schemeTableau10[series.indexOf(s) % 10];
      const row = legend.append('g').attr('transform', `translate(0,${k * 14})`);
      row
        .append('line')
        .attr('x2', 14)
        .attr('y1', -4)
        .attr('y2', -4)
        .attr('stroke', color)
        .attr('stroke-width', 2)
        .attr('stroke-dasharray', s.dashed ? '5 3' : null);
      row.append('text').attr('x', 18).attr('fill', 'currentColor').text(s.name);
    });
    return new XMLSerializer().serializeToString(clone);
  }

  const disconnect = observeResize(container, render);
  return {
    update(data) {
      series = data.series;
      if (data.logX !== undefined) settings.logX = data.logX;
      if (data.logY !== undefined) settings.logY = data.logY;
      if (data.xLabel !== undefined) settings.xLabel = data.xLabel;
      if (data.yLabel !== undefined) settings.yLabel = data.yLabel;
      render();
    },
    toSvg,
    destroy() {
      disconnect();
      legend.destroy();
      root.remove();
    },
  };
}

/** Moves end labels apart vertically (at least 12 px) so labels of lines ending close together stay legible. */
function spreadEndLabels(
  labels: Selection<SVGTextElement, number, SVGGElement, unknown>,
  top: number,
  bottom: number,
): void {
  const nodes = labels.nodes().map((node) => ({ node, y: Number(node.getAttribute('y')) }));
  nodes.sort((a, b) => a.y - b.y);
  const gap = 12;
  for (let k = 1; k < nodes.length; k++) nodes[k].y = Math.max(nodes[k].y, nodes[k - 1].y + gap);
  const overflow = nodes.length > 0 ? nodes[nodes.length - 1].y - bottom : 0;
  if (overflow > 0) for (const n of nodes) n.y -= overflow;
  for (let k = 0; k < nodes.length; k++) {
    nodes[k].y = Math.max(nodes[k].y, top + k * gap);
    nodes[k].node.setAttribute('y', String(nodes[k].y));
  }
}
