import { useEffect, useMemo, useRef } from 'react';
import { getDataset, sampleDataset } from '../../core/data';
import { gridAgreement, logDensityRange } from '../../core/lab/gridCompare';
import { useLab } from '../../state/labStore';
import { useStore } from '../../state/store';
import { createHeatmapLayer } from '../../viz/heatmap';
import { createLineChart, type LineChart } from '../../viz/lineChart';
import { createParticlePlot } from '../../viz/particles';
import { useLikelihood } from './useLabJobs';

/** Nats below the maximum the heatmaps colour. */
const SPAN = 12;
const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '–');

/** A square panel: points (or just axes) over an optional log-density heatmap. */
function DensityPanel({
  label,
  values,
  size,
  extent,
  points,
  testId,
}: {
  label: string;
  values: Float32Array | null;
  size: number;
  extent: number;
  points: Float32Array | null;
  testId: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const range = useMemo(() => (values ? logDensityRange(values, SPAN) : null), [values]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const heat = createHeatmapLayer(el);
    const plot = createParticlePlot(el, { extent, ariaLabel: label, color: '#e4572e' });
    heat.update(values && range ? { grid: { size, extent }, values, range } : null);
    plot.update({ points: points ?? new Float32Array(0) });
    return () => {
      plot.destroy();
      heat.destroy();
    };
  }, [label, values, range, size, extent, points]);
  return (
    <figure className="lab-figure">
      <div ref={ref} className="plot" data-testid={testId} data-drawn={values !== null} />
      <figcaption>
        {label}
        {range && (
          <span className="muted">
            {' '}
            · colour: log p from {range[0].toFixed(1)} to {range[1].toFixed(1)} nats
          </span>
        )}
      </figcaption>
    </figure>
  );
}

/** L_t per t of the DDPM bound (log y), with L_T and L_0 in the legend. */
function ElboChart({ lt }: { lt: Float32Array }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<LineChart | null>(null);
  useEffect(() => {
    if (!el.current) return;
    chart.current = createLineChart(el.current, {
      ariaLabel: 'DDPM bound terms L_t against t',
      xLabel: 't',
      yLabel: 'L_t (nats / point)',
      logY: true,
      height: 220,
    });
    return () => chart.current?.destroy();
  }, []);
  useEffect(() => {
    chart.current?.update({
      series: [
        {
          name: 'L_t = E KL(q(x_t | x_t+1, x_0) ‖ p(x_t | x_t+1))',
          x: lt.map((_, k) => k + 1),
          y: lt,
        },
      ],
    });
  }, [lt]);
  return <div ref={el} className="lab-chart" data-testid="elbo-chart" />;
}

/**
 * The model's log-density by the probability-flow ODE with the exact divergence, as a heatmap
 * beside the held-out data, with the held-out NLL against the analytic value and, on the
 * discrete VP process, the DDPM bound split into L_T, the L_t and L_0.
 */
export function LikelihoodSection({ stale }: { stale: boolean }) {
  const lk = useLab((s) => s.likelihood);
  const dataset = useStore((s) => s.params.dataset);
  const process = useStore((s) => s.params.process);
  const { start, cancel } = useLikelihood();
  const running = lk.state === 'running';
  const data = useMemo(() => Float32Array.from(sampleDataset(dataset, 800, 11)), [dataset]);
  const agreement = useMemo(
    () => (lk.logp && lk.exact ? gridAgreement(lk.logp, lk.exact, 6) : null),
    [lk.logp, lk.exact],
  );
  const mixture = Boolean(getDataset(dataset).mixture);
  return (
    <section className="lab-section" aria-label="Likelihood">
      <h2>Likelihood (exact model)</h2>
      <div className="lab-row">
        <button type="button" data-testid="likelihood-run" disabled={running} onClick={start}>
          Compute log p
        </button>
        <button type="button" disabled={!running} onClick={cancel}>
          Cancel
        </button>
        <progress max={1} value={lk.fraction} aria-label="Likelihood progress" />
        <span className="lab-readout" data-testid="likelihood-status" data-state={lk.state}>
          {lk.state === 'error' && <span className="lab-error">{lk.error}</span>}
          {lk.state === 'cancelled' && 'cancelled'}
          {lk.state === 'done' && stale && 'settings changed since: compute again'}
        </span>
      </div>
      <div className="lab-panels lanes-3">
        <DensityPanel
          label="Held-out data"
          values={null}
          size={lk.gridSize}
          extent={lk.extent || 3}
          points={data}
          testId="likelihood-data"
        />
        <DensityPanel
          label="Model log p (PF-ODE, exact divergence)"
          values={lk.logp}
          size={lk.gridSize}
          extent={lk.extent || 3}
          points={null}
          testId="likelihood-heatmap"
        />
        <DensityPanel
          label={mixture ? 'Analytic log p (Gaussian mixture)' : 'Analytic log p (point-set model)'}
          values={lk.exact}
          size={lk.gridSize}
          extent={lk.extent || 3}
          points={null}
          testId="likelihood-exact"
        />
      </div>
      {lk.nll && (
        <p className="lab-readout" data-testid="nll" data-nll={lk.nll.ode}>
          Held-out NLL ({lk.nll.points} points, σ_min = {lk.nll.sigmaMin.toPrecision(3)}):{' '}
          <strong>{f3(lk.nll.ode)} nats/point</strong> by the PF-ODE from the samplers&apos; prior
          N(0, σ_max²I); {f3(lk.nll.odeExactPrior)} from the exact p_σmax; analytic{' '}
          {f3(lk.nll.exact)} (ODE − analytic:{' '}
          {(lk.nll.odeExactPrior - lk.nll.exact).toExponential(1)} nats/point at tolerance{' '}
          {lk.nll.tolerance.toExponential(0)}, {Math.round(lk.nll.nfe)} evaluations per point).
          {agreement &&
            ` On the grid, where the analytic density is within 6 nats of its peak: max |Δ log p| = ${agreement.maxAbs.toExponential(1)}.`}
        </p>
      )}
      {process !== 'vp-discrete' && (
        <p className="lab-note">The DDPM bound (L_T, L_t, L_0) needs the discrete VP process.</p>
      )}
      {lk.elbo && (
        <>
          <p className="lab-readout" data-testid="elbo">
            DDPM bound: L_T = {lk.elbo.lT.toExponential(2)}, Σ L_t ={' '}
            {f3(lk.elbo.total - lk.elbo.lT - lk.elbo.l0)}, L_0 = {f3(lk.elbo.l0)}, total{' '}
            {f3(lk.elbo.total)} nats/point (≥ the NLL).
          </p>
          <ElboChart lt={lk.elbo.lt} />
        </>
      )}
    </section>
  );
}
