import { axisBottom, scaleLog } from 'd3';
import { createToggleChart } from './legend';

export interface StepGridPlotRow {
  key: string;
  label: string;
  /** A CSS colour, e.g. `var(--viz-grid-dp)` (app.css, light and dark). */
  color: string;
  sigmas: readonly number[];
  /** The sampler's error with this grid; null while it is being computed. */
  error: number | null;
}

export interface StepGridPlotData {
  rows: readonly StepGridPlotRow[];
  sigmaMin: number;
  sigmaMax: number;
}

export interface StepGridPlot {
  update(data: StepGridPlotData): void;
  destroy(): void;
}

const ROW_HEIGHT = 26;
const LABEL_WIDTH = 170;
const ERROR_WIDTH = 190;
const TOP = 8;
const AXIS_HEIGHT = 40;

/**
 * Step grids side by side: one row per grid with its σ's as ticks on a shared log-σ axis, and
 * beside each the sampler's error with that grid as a bar on a log scale (value written out).
 * A legend (toggle buttons) hides and shows rows.
 */
export function createStepGridPlot(container: HTMLElement, ariaLabel: string): StepGridPlot {
  let data: StepGridPlotData = { rows: [], sigmaMin: 0.01, sigmaMax: 10 };
  const { hidden, root, legend, svg } = createToggleChart(
    container,
    'viz-step-grids',
    ariaLabel,
    () => render(),
  );
  const rowsG = svg.append('g');
  const sigmaAxis = svg.append('g');
  const errorAxis = svg.append('g');
  const axisLabels = svg
    .append('g')
    .attr('fill', 'currentColor')
    .style('font', '12px sans-serif')
    .attr('text-anchor', 'middle');
  const sigmaLabel = axisLabels.append('text').text('σ (log scale)');
  const errorLabel = axisLabels.append('text').text('error vs reference (log)');

  function render(): void {
    const width = Math.max(420, container.clientWidth);
    const rows = data.rows.filter((r) => !hidden.has(r.key));
    const height = TOP + Math.max(1, rows.length) * ROW_HEIGHT + AXIS_HEIGHT;
    svg.attr('width', width).attr('height', height);
    legend.update(
      data.rows.map((r) => ({
        key: r.key,
        label: r.label,
        color: r.color,
        on: !hidden.has(r.key),
      })),
    );
    const sx0 = LABEL_WIDTH;
    const sx1 = width - ERROR_WIDTH - 16;
    const ex0 = width - ERROR_WIDTH + 8;
    const ex1 = width - 70;
    const x = scaleLog().domain([data.sigmaMin, data.sigmaMax]).range([sx0, sx1]);
    const errors = rows.map((r) => r.error).filter((e): e is number => e !== null && e > 0);
    const lo = errors.length ? Math.min(...errors) : 1e-3;
    const hi = errors.length ? Math.max(...errors) : 1;
    const e = scaleLog()
      .domain([lo / 2, hi * 1.05 > lo ? hi * 1.05 : lo * 2])
      .range([ex0, ex1]);
    const yOf = (i: number) => TOP + i * ROW_HEIGHT + ROW_HEIGHT / 2;
    const groups = rowsG
      .selectAll<SVGGElement, StepGridPlotRow>('g.viz-grid-row')
      .data(rows, (d) => d.key)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'viz-grid-row');
        g.append('text')
          .attr('class', 'viz-grid-label')
          .attr('x', 4)
          .attr('dy', '0.35em')
          .attr('fill', 'currentColor')
          .style('font', '12px sans-serif');
        g.append('line')
          .attr('class', 'viz-grid-base')
          .attr('stroke', 'currentColor')
          .attr('opacity', 0.25);
        g.append('g').attr('class', 'viz-grid-ticks');
        g.append('rect').attr('class', 'viz-grid-bar').attr('height', 10).attr('y', -5);
        g.append('text')
          .attr('class', 'viz-grid-error')
          .attr('dy', '0.35em')
          .attr('fill', 'currentColor')
          .style('font', '11px sans-serif');
        return g;
      })
      .attr('data-grid', (d) => d.key)
      .attr('transform', (_d, i) => `translate(0,${yOf(i)})`);
    groups.select('.viz-grid-label').text((d) => d.label);
    groups.select('.viz-grid-base').attr('x1', sx0).attr('x2', sx1);
    groups
      .select('.viz-grid-ticks')
      .style('stroke', (d) => d.color)
      .attr('stroke-width', 2)
      .selectAll('line')
      .data((d) => d.sigmas.filter((s) => s > 0))
      .join('line')
      .attr('x1', (s) => x(s))
      .attr('x2', (s) => x(s))
      .attr('y1', -8)
      .attr('y2', 8);
    groups
      .select('.viz-grid-bar')
      .style('fill', (d) => d.color)
      .attr('x', ex0)
      .attr('width', (d) => (d.error !== null && d.error > 0 ? Math.max(1, e(d.error) - ex0) : 0));
    groups
      .select('.viz-grid-error')
      .attr('x', (d) => (d.error !== null && d.error > 0 ? e(d.error) + 4 : ex0))
      .text((d) => (d.error === null ? '…' : d.error.toExponential(2)));
    const axisY = TOP + Math.max(1, rows.length) * ROW_HEIGHT + 4;
    sigmaAxis
      .attr('transform', `translate(0,${axisY})`)
      .call(axisBottom(x).ticks(Math.max(2, Math.floor((sx1 - sx0) / 70)), '~g'));
    errorAxis.attr('transform', `translate(0,${axisY})`).call(axisBottom(e).ticks(2, '~e'));
    sigmaLabel.attr('x', (sx0 + sx1) / 2).attr('y', axisY + 34);
    errorLabel.attr('x', (ex0 + ex1) / 2).attr('y', axisY + 34);
  }

  return {
    update(next) {
      data = next;
      render();
    },
    destroy() {
      root.remove();
    },
  };
}
