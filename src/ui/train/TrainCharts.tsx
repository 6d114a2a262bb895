import { useEffect, useRef } from 'react';
import type { Snapshot } from '../../state/trainSession';
import { createLineChart, type LineSeries } from '../../viz/lineChart';
import { Tip } from '../controls/Tip';
import { TRAIN_TEX } from './trainHelp';
import { drawOnChange } from './drawOnChange';

/** Points per loss series, whatever the run's length (bucket means). */
const LOSS_POINTS = 400;
const HISTORY_COLOURS = ['#9ecae1', '#6baed6', '#3182bd', '#08519c'];

/** The error curve of one snapshot as a chart series. */
const errorSeries = (h: Snapshot, extra: Partial<LineSeries>): LineSeries => ({
  name: `step ${h.info.step}`,
  x: h.info.errorTimes,
  y: h.error,
  ...extra,
});

/** The loss curve (raw and smoothed) and the error to the exact denoiser against t. */
export function TrainCharts() {
  const lossEl = useRef<HTMLDivElement>(null);
  const errorEl = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!lossEl.current || !errorEl.current) return;
    const loss = createLineChart(lossEl.current, {
      ariaLabel: 'Training loss',
      xLabel: 'step',
      yLabel: 'loss',
      logY: true,
    });
    const error = createLineChart(errorEl.current, {
      ariaLabel: 'Error to the exact denoiser against t',
      xLabel: 't',
      yLabel: 'E‖D_θ − D*‖²',
      logY: true,
    });
    const stopLoss = drawOnChange(
      (session) => session.losses.length,
      (session) => {
        const s = session.losses.series(LOSS_POINTS);
        // A hybrid run's terms, smoothed, beside its total.
        const terms = session.termLosses.simple.length
          ? [
              { curve: session.termLosses.simple, name: 'L_simple', color: '#2ca02c' },
              { curve: session.termLosses.vlb, name: 'L_vlb', color: '#d62728' },
            ].map(({ curve, name, color }) => {
              const t = curve.series(LOSS_POINTS);
              return { name, x: t.step, y: t.smooth, color, dashed: true };
            })
          : [];
        loss.update({
          series: [
            { name: 'raw', x: s.step, y: s.raw, color: '#b8c4d6' },
            { name: 'smoothed', x: s.step, y: s.smooth, color: '#1f4e96' },
            ...terms,
          ],
        });
      },
    );
    const stopError = drawOnChange(
      (session) => session.snapshot,
      ({ initial, history }) => {
        const colour = (i: number) => HISTORY_COLOURS[i + HISTORY_COLOURS.length - history.length];
        error.update({
          series: [
            ...(initial ? [errorSeries(initial, { color: '#999', dashed: true })] : []),
            ...history.map((h, i) =>
              errorSeries(h, { color: colour(i), markers: i === history.length - 1 }),
            ),
          ],
        });
      },
      // After SnapshotPlots' four layers, one per frame.
      4,
    );
    return () => {
      stopLoss();
      stopError();
      loss.destroy();
      error.destroy();
    };
  }, []);

  return (
    <div className="train-charts">
      <figure>
        <figcaption className="panel-title">Loss (per step, and smoothed)</figcaption>
        <div ref={lossEl} data-testid="train-loss-chart" />
      </figure>
      <figure>
        <figcaption className="panel-title">
          Error to the exact denoiser against t <Tip tex={TRAIN_TEX.error} />
        </figcaption>
        <div ref={errorEl} data-testid="train-error-chart" />
      </figure>
    </div>
  );
}
