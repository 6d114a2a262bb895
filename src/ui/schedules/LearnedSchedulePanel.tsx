import { useMemo, useSyncExternalStore } from 'react';
import type { BetaScheduleKind } from '../../core/schedules/betas';
import { makeDiscreteVP } from '../../core/schedules/discreteVP';
import { scheduleTable } from '../../core/schedules/table';
import { learnedSchedule } from '../../state/learnedSchedule';
import type { LineSeries } from '../../viz/lineChart';
import { LineChartBox } from './LineChartBox';

/** Apart from the β schedules' colours (the first four of Tableau 10). */
const LEARNED_COLOUR = '#9467bd';

/**
 * log SNR against t ∈ [0, 1] (the discrete schedules' t/(T − 1)): the β schedules being
 * compared, and the train view's latest learned VDM schedule (log SNR = −γ) when there is one.
 */
export function LearnedSchedulePanel({ curves }: { curves: readonly BetaScheduleKind[] }) {
  const learned = useSyncExternalStore(learnedSchedule.subscribe, learnedSchedule.read);
  const data = useMemo(() => {
    const series: LineSeries[] = curves.map((kind) => {
      const schedule = makeDiscreteVP({ kind });
      const table = scheduleTable(schedule, 250);
      return { name: kind, x: table.t.map((t) => t / schedule.tMax), y: table.logSNR };
    });
    if (learned)
      series.push({
        name: `learned (VDM, ${learned.label})`,
        x: learned.t,
        y: learned.gamma.map((g) => -g),
        color: LEARNED_COLOUR,
      });
    return { series };
  }, [curves, learned]);
  return (
    <>
      <h2 className="panel-title">log SNR against t: fixed schedules and the learned one</h2>
      <LineChartBox
        ariaLabel="Log SNR of the fixed schedules and the learned schedule"
        xLabel="t (fraction of the schedule)"
        yLabel="log SNR(t)"
        data={data}
        testId="learned-schedule-chart"
      />
      <p className="muted" data-testid="learned-schedule-note" data-learned={learned ? 1 : 0}>
        {learned ? (
          <>
            The purple curve is −γ(t) of the train view&apos;s latest VDM run ({learned.label}),
            from log SNR = {(-learned.gamma[0]).toFixed(2)} at t = 0 to{' '}
            {(-learned.gamma[learned.gamma.length - 1]).toFixed(2)} at t = 1.
          </>
        ) : (
          <>
            Train a VDM model in the Train view to see its learned schedule (
            <a href="#view=train&tmode=vdm">What to train: a VDM with a learned noise schedule</a>).
          </>
        )}
      </p>
    </>
  );
}
