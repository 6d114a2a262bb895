import { useEffect, useRef, type MutableRefObject } from 'react';
import type { SweepMetric } from '../../core/lab/report';
import type { SweepSlice } from '../../state/labStore';
import { createLineChart, type LineChart, type LineSeries } from '../../viz/lineChart';

/** Short axis labels (the long ones are in the table and the report). */
const AXIS_LABELS: Record<SweepMetric, string> = {
  endpoint: 'endpoint error vs reference',
  slicedW1: 'sliced W1 to data',
  energy: 'energy distance to data',
};

const valueOf = (p: SweepSlice['points'][number], metric: SweepMetric) =>
  metric === 'endpoint' ? (p.endpointError ?? NaN) : p[metric];

/** The series of the error-vs-NFE chart: one line per sampler with its fitted order, and the floor. */
function seriesOf(sweep: SweepSlice, metric: SweepMetric): LineSeries[] {
  const lines: LineSeries[] = sweep.lanes.map((l, i) => {
    const pts = sweep.points.filter((p) => p.sampler === i);
    const fit = sweep.fits?.[i]?.[metric];
    return {
      name: l.label,
      x: pts.map((p) => p.nfe),
      y: pts.map((p) => valueOf(p, metric)),
      markers: true,
      endLabel: fit ? `order ${fit.order.toFixed(2)}` : undefined,
    };
  });
  const ref = sweep.reference;
  if (ref && sweep.budgets.length > 1) {
    const floor = metric === 'endpoint' ? ref.floor.endpoint : ref.floor[metric];
    const span = [sweep.budgets[0], sweep.budgets[sweep.budgets.length - 1]];
    lines.push({
      name:
        metric === 'endpoint' ? 'reference error floor (100·tol)' : 'reference endpoints vs data',
      x: span,
      y: [floor, floor],
      color: '#8b95a7',
      dashed: true,
    });
  }
  return lines;
}

/** Log-log error vs NFE (viz/lineChart), one line per sampler with its fitted order at the end. */
export function ErrorChart({
  sweep,
  metric,
  chartRef,
}: {
  sweep: SweepSlice;
  metric: SweepMetric;
  chartRef: MutableRefObject<LineChart | null>;
}) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = createLineChart(el.current, {
      ariaLabel: 'Error against NFE, log-log, one line per sampler',
      xLabel: 'NFE (model evaluations)',
      logX: true,
      logY: true,
      height: 320,
      margin: { top: 10, right: 96, bottom: 36, left: 84 },
    });
    chartRef.current = chart;
    return () => {
      chart.destroy();
      chartRef.current = null;
    };
  }, [chartRef]);
  useEffect(() => {
    chartRef.current?.update({ series: seriesOf(sweep, metric), yLabel: AXIS_LABELS[metric] });
  }, [sweep, metric, chartRef]);
  return <div ref={el} className="lab-chart" data-testid="error-chart" />;
}
