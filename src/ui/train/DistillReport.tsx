import { useMemo } from 'react';
import type { LineChartData } from '../../viz/lineChart';
import type { DistillReport } from '../../worker/protocol';
import { LineChartBox } from '../schedules/LineChartBox';

const MODE_NAMES: Record<DistillReport['mode'], string> = {
  distill: 'progressive distillation',
  cd: 'consistency distillation',
  ct: 'consistency training',
};

const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(3));
/** A row's sliced W1, NaN where the model was not run at that NFE (a gap in the chart). */
const orGap = (v: number | null) => v ?? NaN;

/**
 * Sliced W1 to the data against NFE: the teacher's DDIM beside the student (each distilled
 * round's student at its own step count, a consistency model's multistep sampling).
 */
export function DistillReportTable({ report }: { report: DistillReport }) {
  const progressive = report.mode === 'distill';
  const studentName = progressive ? 'student, DDIM on its grid' : 'consistency model';
  const chart = useMemo<LineChartData>(() => {
    const nfe = report.rows.map((r) => r.nfe);
    return {
      series: [
        {
          name: 'teacher, DDIM',
          x: nfe,
          y: report.rows.map((r) => orGap(r.teacher)),
          markers: true,
        },
        { name: studentName, x: nfe, y: report.rows.map((r) => orGap(r.student)), markers: true },
      ],
      logX: true,
      logY: true,
    };
  }, [report, studentName]);
  return (
    <figure data-testid="train-distill-report">
      <figcaption className="panel-title">
        {MODE_NAMES[report.mode]}
        {progressive &&
          `: round ${report.round + 1} of ${report.rounds}, student of ${report.studentSteps} step${report.studentSteps === 1 ? '' : 's'}`}{' '}
        <span className="muted">(sliced W1 to the data, 1,000 samples, 128 directions)</span>
      </figcaption>
      <table className="train-distill-table">
        <thead>
          <tr>
            <th scope="col">NFE</th>
            <th scope="col">teacher, DDIM</th>
            <th scope="col">{studentName}</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((r) => (
            <tr key={r.nfe}>
              <td>{r.nfe}</td>
              <td>{fmt(r.teacher)}</td>
              <td>{fmt(r.student)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <LineChartBox
        ariaLabel="Sliced W1 to the data against NFE, teacher and student"
        xLabel="NFE (log scale)"
        yLabel="sliced W1"
        data={chart}
        testId="train-distill-chart"
      />
    </figure>
  );
}
