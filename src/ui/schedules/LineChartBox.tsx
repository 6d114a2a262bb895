import { useEffect, useRef } from 'react';
import { createLineChart, type LineChart, type LineChartData } from '../../viz/lineChart';

/** A viz/lineChart in a box: created once, updated whenever `data` changes. */
export function LineChartBox({
  ariaLabel,
  xLabel,
  yLabel,
  data,
  testId,
}: {
  ariaLabel: string;
  xLabel: string;
  yLabel: string;
  data: LineChartData;
  testId: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<LineChart | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    chart.current = createLineChart(el, { ariaLabel, xLabel, yLabel, height: 240 });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [ariaLabel, xLabel, yLabel]);
  useEffect(() => {
    chart.current?.update(data);
  }, [data, ariaLabel, xLabel, yLabel]);
  return <div ref={ref} className="line-chart-box" data-testid={testId} />;
}
