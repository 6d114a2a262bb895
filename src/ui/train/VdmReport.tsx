import type { VdmReport } from '../../worker/protocol';

const fmt = (v: number, digits = 3) => (Number.isFinite(v) ? v.toFixed(digits) : '—');

/**
 * The learned schedule against the linear γ between the same endpoints, on the same probe
 * examples: the bound (equal in expectation, VDM eq. 20ff) and the variance of its estimate.
 */
export function VdmReportTable({ report, step }: { report: VdmReport; step: number }) {
  const last = report.gamma.length - 1;
  const ratio = report.learned.variance / report.linear.variance;
  return (
    <figure data-testid="train-vdm-report" data-step={step}>
      <figcaption className="panel-title">
        Learned schedule at step {step}: γ₀ = {fmt(report.gamma[0], 2)}, γ₁ ={' '}
        {fmt(report.gamma[last], 2)}{' '}
        <span className="muted">
          (started at {report.startGamma0}, {report.startGamma1}; {report.probeCount} probe
          examples, nats per point)
        </span>
      </figcaption>
      <table className="train-distill-table">
        <thead>
          <tr>
            <th scope="col">schedule</th>
            <th scope="col">bound</th>
            <th scope="col">L∞</th>
            <th scope="col">variance of the estimate</th>
          </tr>
        </thead>
        <tbody>
          {(['learned', 'linear'] as const).map((kind) => (
            <tr key={kind} data-testid={`train-vdm-${kind}`}>
              <td>{kind === 'learned' ? 'learned γ' : 'linear γ, same endpoints'}</td>
              <td>{fmt(report[kind].bound)}</td>
              <td>{fmt(report[kind].diffusion)}</td>
              <td>{fmt(report[kind].variance, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="train-note">
        Prior {fmt(report.prior, 4)}, reconstruction {fmt(report.reconstruction)}. Variance learned
        / linear: <span data-testid="train-vdm-ratio">{fmt(ratio, 2)}</span>.
      </p>
    </figure>
  );
}
