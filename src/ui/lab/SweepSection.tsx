import type { MutableRefObject } from 'react';
import type { ComparisonReport } from '../../core/lab/report';
import { useLab } from '../../state/labStore';
import type { LineChart } from '../../viz/lineChart';
import { ErrorChart } from './ErrorChart';
import { useSweep } from './useLabJobs';

const sci = (v: number | null | undefined) =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toExponential(2);

/**
 * Error vs NFE: the sweep runs in the worker (progress, cancel), the chart fills in point by
 * point, and the table gives each sampler's fitted order beside the order theory predicts.
 */
export function SweepSection({
  report,
  stale,
  chartRef,
}: {
  report: ComparisonReport | null;
  stale: boolean;
  chartRef: MutableRefObject<LineChart | null>;
}) {
  const sweep = useLab((s) => s.sweep);
  const { start, cancel } = useSweep();
  const running = sweep.state === 'running';
  const metric = report?.settings.metric ?? 'endpoint';
  return (
    <section className="lab-section" aria-label="Error against NFE">
      <h2>Error vs NFE (exact model)</h2>
      <div className="lab-row">
        <button type="button" data-testid="sweep-run" disabled={running} onClick={start}>
          {sweep.state === 'idle' ? 'Run the sweep' : 'Run the sweep again'}
        </button>
        <button type="button" data-testid="sweep-cancel" disabled={!running} onClick={cancel}>
          Cancel
        </button>
        <progress
          max={1}
          value={sweep.fraction}
          aria-label="Sweep progress"
          data-testid="sweep-progress"
        />
        <span className="lab-readout" data-testid="sweep-status" data-state={sweep.state}>
          {running && sweep.message}
          {sweep.state === 'cancelled' && 'cancelled'}
          {sweep.state === 'error' && <span className="lab-error">{sweep.error}</span>}
          {sweep.state === 'done' && stale && 'settings changed since this sweep: run it again'}
        </span>
      </div>
      {sweep.reference && (
        <p className="lab-readout">
          {sweep.particles} particles; reference: RK45 at rtol = atol ={' '}
          {sweep.reference.rtol.toExponential(0)}, {Math.round(sweep.reference.nfe)} evaluations.
          Deterministic samplers: mean endpoint distance to the reference. All samplers: sliced W1
          and energy distance to held-out data. Order: slope of the upper half of the budgets.
        </p>
      )}
      <ErrorChart sweep={sweep} metric={metric} chartRef={chartRef} />
      {report && (
        <table className="lab-table" data-testid="order-table">
          <thead>
            <tr>
              <th>sampler</th>
              <th>NFE</th>
              <th>error at max NFE</th>
              <th>measured order</th>
              <th>fitted over NFE</th>
              <th>theory</th>
              <th>time (ms)</th>
            </tr>
          </thead>
          <tbody>
            {report.samplers.map((s) => {
              const fit = s.fits[metric];
              const last = s.points.at(-1);
              const value = last && (metric === 'endpoint' ? last.endpointError : last[metric]);
              return (
                <tr key={s.label} data-testid="order-row">
                  <td>{s.label}</td>
                  <td>
                    {s.points[0]?.nfe}–{last?.nfe}
                  </td>
                  <td>{sci(value)}</td>
                  <td data-testid="measured-order">{fit ? fit.order.toFixed(2) : '–'}</td>
                  <td>{fit ? `${fit.nfeRange[0]}–${fit.nfeRange[1]}` : '–'}</td>
                  <td title={s.theory?.why}>{s.theory ? s.theory.order : '–'}</td>
                  <td>{s.points.reduce((a, p) => a + p.ms, 0).toFixed(0)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
