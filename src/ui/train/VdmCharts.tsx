import { useEffect, useRef } from 'react';
import { createLineChart } from '../../viz/lineChart';
import { drawOnChange } from './drawOnChange';

/** Points per series, whatever the run's length (bucket means). */
const POINTS = 400;

/**
 * A VDM run's streams: the bound per step (nats per point, may be negative: a density bound)
 * and the variance over each batch of its per-example estimate, which γ's interior lowers.
 */
export function VdmCharts() {
  const boundEl = useRef<HTMLDivElement>(null);
  const varianceEl = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!boundEl.current || !varianceEl.current) return;
    const bound = createLineChart(boundEl.current, {
      ariaLabel: 'Variational bound per step',
      xLabel: 'step',
      yLabel: 'bound (nats)',
    });
    const variance = createLineChart(varianceEl.current, {
      ariaLabel: 'Variance of the bound estimate per step',
      xLabel: 'step',
      yLabel: 'variance',
      logY: true,
    });
    const stop = drawOnChange(
      (session) => session.losses.length,
      (session) => {
        const b = session.losses.series(POINTS);
        const v = session.variances.series(POINTS);
        bound.update({
          series: [
            { name: 'raw', x: b.step, y: b.raw, color: '#b8c4d6' },
            { name: 'smoothed', x: b.step, y: b.smooth, color: '#1f4e96' },
          ],
        });
        variance.update({
          series: [
            { name: 'raw', x: v.step, y: v.raw, color: '#e3c6a8' },
            { name: 'smoothed', x: v.step, y: v.smooth, color: '#a0522d' },
          ],
        });
      },
    );
    return () => {
      stop();
      bound.destroy();
      variance.destroy();
    };
  }, []);

  return (
    <div className="train-charts">
      <figure>
        <figcaption className="panel-title">Bound −log p ≤ L (per step, and smoothed)</figcaption>
        <div ref={boundEl} data-testid="train-loss-chart" />
      </figure>
      <figure>
        <figcaption className="panel-title">
          Variance of the bound&apos;s estimate over the batch
        </figcaption>
        <div ref={varianceEl} data-testid="train-variance-chart" />
      </figure>
    </div>
  );
}
