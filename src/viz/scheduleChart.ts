import {
  axisBottom,
  axisLeft,
  line,
  scaleLinear,
  scaleLog,
  select,
  type ScaleContinuousNumeric,
  type Selection,
} from 'd3';
import type { ScheduleTable } from '../core/schedules/table';
import { drawableExtent, interpolateAt } from './chartMath';
import { createLegend } from './legend';
import { observeResize } from './layers';

type CurveKey = 'alphaBar' | 'sigma' | 'logSNR' | 'beta';

const CURVES: readonly { key: CurveKey; label: string; color: string; canLog: boolean }[] = [
  { key: 'alphaBar', label: 'ᾱ(t)', color: '#4e79a7', canLog: false },
  { key: 'sigma', label: 'σ(t)', color: '#e15759', canLog: true },
  { key: 'logSNR', label: 'log SNR(t)', color: '#59a14f', canLog: false },
  { key: 'beta', label: 'β(t) = g²(t)', color: '#f28e2b', canLog: true },
];

export interface ScheduleChartOptions {
  ariaLabel: string;
  /** Total height in CSS pixels; the width follows the container. Default 340. */
  height?: number;
  /** Start σ on a log axis (default true) and β on a linear one (default false). */
  logSigma?: boolean;
  logBeta?: boolean;
}

/** Any field left out keeps its previous value. */
export interface ScheduleChartData {
  /** scheduleTable(process) from core/schedules/table.ts. */
  table?: ScheduleTable;
  /** Current time (in the process' t), drawn as a vertical line; null hides it. */
  cursor?: number | null;
  /** Times at which the sampler evaluates the model (process' t, e.g. via tOfSigma). */
  evalTimes?: readonly number[];
  /** Shown as "NFE n"; defaults to evalTimes.length. */
  nfe?: number;
  /** Log time axis (suits EDM's t = σ ∈ [0.002, 80]). */
  logT?: boolean;
}

export interface ScheduleChart {
  update(data: ScheduleChartData): void;
  destroy(): void;
}

const MARGIN = { top: 22, right: 14, bottom: 30, left: 52 };
const GAP = 16;

/**
 * Small multiples of a noise schedule against t, one panel per curve (each on its own y axis),
 * sharing the t axis: ᾱ, σ, log SNR and β. Legend buttons hide panels, two more switch σ and β
 * to log axes. A cursor marks the current t, dots on every curve (and ticks on the t axis)
 * mark where the sampler evaluates the model, with "NFE n" at the top right.
 * Cursor-only updates move a few elements and are cheap enough for every frame; updates of the
 * cursor and evaluation marks alone add the new marks without redrawing axes and curves.
 */
export function createScheduleChart(
  container: HTMLElement,
  options: ScheduleChartOptions,
): ScheduleChart {
  const height = options.height ?? 340;
  const state = {
    table: null as ScheduleTable | null,
    cursor: null as number | null,
    evalTimes: [] as readonly number[],
    nfe: undefined as number | undefined,
    logT: false,
  };
  const shown = new Set<CurveKey>(CURVES.map((c) => c.key));
  const logAxis = new Set<CurveKey>();
  if (options.logSigma ?? true) logAxis.add('sigma');
  if (options.logBeta) logAxis.add('beta');

  const root = select(container).append('div').attr('class', 'viz-schedule-chart');
  const toggle = <T>(set: Set<T>, key: T) => {
    if (!set.delete(key)) set.add(key);
    render();
  };
  const legend = createLegend(root.node()!, (key) => toggle(shown, key as CurveKey));
  const axisToggles = createLegend(root.node()!, (key) =>
    toggle(logAxis, key.slice(4) as CurveKey),
  );
  const svg = root
    .append('svg')
    .attr('role', 'img')
    .attr('aria-label', options.ariaLabel)
    .style('display', 'block');
  const panels = svg.append('g');
  const tAxis = svg.append('g');
  const evalTicks = svg.append('g');
  const cursorLine = svg
    .append('line')
    .attr('stroke', 'currentColor')
    .attr('stroke-opacity', 0.6)
    .attr('stroke-dasharray', '3 2');
  const nfeText = svg
    .append('text')
    .attr('text-anchor', 'end')
    .attr('fill', 'currentColor')
    .style('font', '12px sans-serif');
  svg
    .append('text')
    .attr('class', 'viz-t-label')
    .attr('text-anchor', 'middle')
    .attr('fill', 'currentColor')
    .style('font', '12px sans-serif')
    .text('t');

  let tScale: ScaleContinuousNumeric<number, number> = scaleLinear();
  let panelScales: {
    key: CurveKey;
    y: ScaleContinuousNumeric<number, number>;
    log: boolean;
  }[] = [];

  function render(): void {
    const width = Math.max(160, container.clientWidth);
    svg.attr('width', width).attr('height', height);
    legend.update(
      CURVES.map((c) => ({ key: c.key, label: c.label, color: c.color, on: shown.has(c.key) })),
    );
    axisToggles.update(
      CURVES.filter((c) => c.canLog).map((c) => ({
        key: `log:${c.key}`,
        label: `log ${c.label.slice(0, 1)} axis`,
        color: 'transparent',
        on: logAxis.has(c.key),
      })),
    );
    const table = state.table;
    const visible = table ? CURVES.filter((c) => shown.has(c.key)) : [];
    const [x0, x1] = [MARGIN.left, width - MARGIN.right];
    const bottom = height - MARGIN.bottom;
    const tDomain = table ? drawableExtent([table.t], state.logT) : null;
    tScale = (state.logT ? scaleLog() : scaleLinear()).domain(tDomain ?? [1, 10]).range([x0, x1]);
    tAxis
      .attr('transform', `translate(0,${bottom})`)
      .call(
        axisBottom(tScale).ticks(
          Math.max(2, Math.floor(width / 80)),
          state.logT ? '~g' : undefined,
        ),
      );
    svg
      .select('.viz-t-label')
      .attr('x', (x0 + x1) / 2)
      .attr('y', height - 2);
    const panelH = visible.length
      ? (bottom - MARGIN.top - GAP * (visible.length - 1)) / visible.length
      : 0;
    panelScales = [];
    panels
      .selectAll<SVGGElement, (typeof CURVES)[number]>('g.viz-panel')
      .data(visible, (c) => c.key)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'viz-panel');
        g.append('g').attr('class', 'viz-y');
        g.append('path').attr('class', 'viz-curve').attr('fill', 'none').attr('stroke-width', 1.75);
        g.append('text')
          .attr('class', 'viz-panel-label')
          .attr('x', 6)
          .attr('y', 11)
          .attr('paint-order', 'stroke')
          .attr('stroke', 'var(--viz-bg, #fff)')
          .attr('stroke-width', 3)
          .style('font', '12px sans-serif');
        g.append('g').attr('class', 'viz-evals');
        g.append('circle').attr('class', 'viz-cursor-dot').attr('r', 3.5);
        return g;
      })
      .each(function (c, k) {
        if (!table) return;
        const values = table[c.key];
        const log = c.canLog && logAxis.has(c.key);
        const top = MARGIN.top + k * (panelH + GAP);
        const y = (log ? scaleLog() : scaleLinear())
          .domain(drawableExtent([values], log) ?? [1, 10])
          .range([top + panelH, top]);
        if (!log) y.nice(4);
        panelScales.push({ key: c.key, y, log });
        const ok = (i: number) =>
          Number.isFinite(values[i]) && (!log || values[i] > 0) && (!state.logT || table.t[i] > 0);
        const g = select(this);
        g.select<SVGGElement>('.viz-y')
          .attr('transform', `translate(${x0},0)`)
          .call(axisLeft(y).ticks(Math.max(2, Math.floor(panelH / 28)), log ? '~g' : undefined));
        g.select('.viz-panel-label')
          .attr('transform', `translate(${x0},${top})`)
          .attr('fill', c.color)
          .text(c.label);
        g.select('path.viz-curve')
          .attr('stroke', c.color)
          .attr(
            'd',
            line<number>()
              .defined(ok)
              .x((i) => tScale(table.t[i]))
              .y((i) => y(values[i]))(Array.from(values, (_, i) => i)),
          );
      });
    renderEvals(true);
    renderCursor();
  }

  /**
   * The evaluation marks: dots on each curve, ticks on the t axis, "NFE n". A mark is keyed by
   * its index and time, so a run that streams in adds marks without moving the ones drawn;
   * `all` places every mark again (the scales changed).
   */
  function renderEvals(all: boolean): void {
    const table = state.table;
    const key = (t: number, i: number) => `${i}:${t}`;
    panels.selectAll<SVGGElement, (typeof CURVES)[number]>('g.viz-panel').each(function (c) {
      const scale = panelScales.find((p) => p.key === c.key);
      const values = table?.[c.key];
      const dots: [number, number, string][] = [];
      if (scale && values && table) {
        state.evalTimes.forEach((t, i) => {
          const v = interpolateAt(table.t, values, t);
          if (Number.isFinite(v) && (!scale.log || v > 0) && (!state.logT || t > 0))
            dots.push([t, v, key(t, i)]);
        });
      }
      const place = (
        sel: Selection<SVGCircleElement, [number, number, string], SVGGElement, unknown>,
      ) =>
        sel
          .attr('stroke', c.color)
          .attr('cx', (d) => tScale(d[0]))
          .attr('cy', (d) => (scale ? scale.y(d[1]) : 0));
      const joined = select(this)
        .select<SVGGElement>('.viz-evals')
        .selectAll<SVGCircleElement, [number, number, string]>('circle')
        .data(dots, (d) => d[2])
        .join((enter) => enter.append('circle').attr('r', 2.5).attr('fill', 'none').call(place));
      if (all) joined.call(place);
    });
    const ticks: [number, string][] = table
      ? state.evalTimes.flatMap((t, i) => (!state.logT || t > 0 ? [[t, key(t, i)]] : []))
      : [];
    const placeTick = (sel: Selection<SVGLineElement, [number, string], SVGGElement, unknown>) =>
      sel
        .attr('x1', (d) => tScale(d[0]))
        .attr('x2', (d) => tScale(d[0]))
        .attr('y1', height - MARGIN.bottom - 6)
        .attr('y2', height - MARGIN.bottom);
    const joinedTicks = evalTicks
      .selectAll<SVGLineElement, [number, string]>('line')
      .data(ticks, (d) => d[1])
      .join((enter) => enter.append('line').attr('stroke', 'currentColor').call(placeTick));
    if (all) joinedTicks.call(placeTick);
    nfeText
      .attr('x', tScale.range()[1])
      .attr('y', 14)
      .text(
        table && (state.evalTimes.length || state.nfe)
          ? `NFE ${state.nfe ?? state.evalTimes.length}`
          : '',
      );
  }

  function renderCursor(): void {
    const t = state.cursor;
    const table = state.table;
    const visible = table !== null && t !== null && Number.isFinite(t) && (!state.logT || t > 0);
    cursorLine
      .attr('display', visible ? null : 'none')
      .attr('x1', visible ? tScale(t) : 0)
      .attr('x2', visible ? tScale(t) : 0)
      .attr('y1', MARGIN.top)
      .attr('y2', height - MARGIN.bottom);
    panels.selectAll<SVGGElement, (typeof CURVES)[number]>('g.viz-panel').each(function (c) {
      const dot = select(this).select('.viz-cursor-dot');
      const scale = panelScales.find((p) => p.key === c.key);
      const v = visible && scale ? interpolateAt(table.t, table[c.key], t) : NaN;
      const y = scale ? scale.y(v) : NaN;
      dot
        .attr('display', Number.isFinite(y) ? null : 'none')
        .attr('fill', c.color)
        .attr('cx', visible ? tScale(t) : 0)
        .attr('cy', Number.isFinite(y) ? y : 0);
    });
  }

  const disconnect = observeResize(container, render);
  return {
    update(data) {
      const keys = Object.keys(data);
      const cursorOnly = keys.every((k) => k === 'cursor');
      const marksOnly = keys.every((k) => k === 'cursor' || k === 'evalTimes' || k === 'nfe');
      if (data.table !== undefined) state.table = data.table;
      if (data.cursor !== undefined) state.cursor = data.cursor;
      if (data.evalTimes !== undefined) state.evalTimes = data.evalTimes;
      if (data.nfe !== undefined) state.nfe = data.nfe;
      if (data.logT !== undefined) state.logT = data.logT;
      if (cursorOnly) renderCursor();
      else if (marksOnly) {
        renderEvals(false);
        renderCursor();
      } else render();
    },
    destroy() {
      disconnect();
      legend.destroy();
      axisToggles.destroy();
      root.remove();
    },
  };
}
