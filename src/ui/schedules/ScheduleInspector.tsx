import { useMemo, useState } from 'react';
import { BETA_SCHEDULES, type BetaScheduleKind } from '../../core/schedules/betas';
import { makeDiscreteVP } from '../../core/schedules/discreteVP';
import { SIGMA_GRID_KINDS, makeSigmaGrid } from '../../core/schedules/grid';
import { TIMESTEP_SPACINGS, spacedTimesteps } from '../../core/schedules/spacing';
import { scheduleTable } from '../../core/schedules/table';
import { makeProcess } from '../../core/scene/build';
import { SCHEDULE_QUANTITIES } from '../../state/playgroundFields';
import type { LineSeries } from '../../viz/lineChart';
import { SelectControl, ToggleControl } from '../controls/fields';
import { BetaScheduleSelect, ProcessSelect } from '../controls/ProcessControls';
import { StepsInput } from '../controls/RunControls';
import { TEX } from '../help';
import { SettingsColumn } from '../playground/SettingsColumn';
import { useParams, useSetParam } from '../useParams';
import { DiffusersConfigPanel, EXAMPLE_CONFIG, useConfigInspection } from './DiffusersConfigPanel';
import { LearnedVariancePanel } from './LearnedVariancePanel';
import { LearnedSchedulePanel } from './LearnedSchedulePanel';
import { LineChartBox } from './LineChartBox';

const QUANTITY_LABELS: Record<string, string> = {
  alphaBar: 'ᾱ(t)',
  logSNR: 'log SNR(t)',
  sigma: 'σ(t) = √((1 − ᾱ)/ᾱ)',
  beta: 'β(t)',
};
const QUANTITY_TEX: Record<string, string> = {
  alphaBar: String.raw`\bar\alpha_t = \textstyle\prod_{s\le t}(1-\beta_s)`,
  logSNR: String.raw`\log\mathrm{SNR}_t = \log\frac{\bar\alpha_t}{1-\bar\alpha_t}`,
  sigma: String.raw`\sigma_t = \sqrt{(1-\bar\alpha_t)/\bar\alpha_t}`,
  beta: String.raw`\beta_t = 1 - \bar\alpha_t/\bar\alpha_{t-1}`,
};

/** The fields the inspector reads (its selector). */
const SHOWN = ['steps', 'quantity', 'curves', 'schedule', 'process'] as const;

/**
 * The schedule inspector: β schedules compared on one quantity, the timesteps each spacing
 * visits (and a pasted diffusers config's), and the σ grids of a process, all at N steps.
 */
export function ScheduleInspector() {
  const { steps, quantity, curves: curvesText, schedule, process } = useParams(SHOWN);
  const setParam = useSetParam();
  const [configText, setConfigText] = useState(EXAMPLE_CONFIG);
  const curves = useMemo(
    () =>
      curvesText
        .split(',')
        .filter((c): c is BetaScheduleKind => (BETA_SCHEDULES as readonly string[]).includes(c)),
    [curvesText],
  );
  const config = useConfigInspection(configText, steps);

  const curveData = useMemo(() => {
    const series: LineSeries[] = curves.map((kind) => {
      const table = scheduleTable(makeDiscreteVP({ kind }), 250);
      return { name: kind, x: table.t, y: table[quantity] };
    });
    return { series, logY: quantity === 'sigma', yLabel: QUANTITY_LABELS[quantity] };
  }, [curves, quantity]);

  const spacingData = useMemo(() => {
    const index = Array.from({ length: steps }, (_, i) => i);
    const series: LineSeries[] = TIMESTEP_SPACINGS.map((s) => ({
      name: s,
      x: index,
      y: spacedTimesteps(s, steps, 1000),
      markers: true,
    }));
    if (config.ok) {
      const ts = config.value.timesteps;
      series.push({
        name: `config: ${config.value.className}`,
        x: ts.map((_, i) => i),
        y: ts,
        markers: true,
        dashed: true,
      });
    }
    return { series };
  }, [steps, config]);

  const gridData = useMemo(() => {
    const proc = makeProcess({ process, betaSchedule: schedule });
    const series: LineSeries[] = SIGMA_GRID_KINDS.map((kind) => {
      const sigmas = makeSigmaGrid(proc, kind, steps).sigmas.slice(0, -1);
      return { name: kind, x: sigmas.map((_, i) => i), y: sigmas, markers: steps <= 60 };
    });
    return { series, logY: true };
  }, [process, schedule, steps]);

  const toggleCurve = (kind: string, on: boolean) =>
    setParam(
      'curves',
      BETA_SCHEDULES.filter((k) => (k === kind ? on : curves.includes(k))).join(','),
    );

  return (
    <div className="view-layout">
      <SettingsColumn>
        <fieldset>
          <legend>β schedules to compare</legend>
          {BETA_SCHEDULES.map((kind) => (
            <ToggleControl
              key={kind}
              label={kind}
              tex={TEX.beta[kind]}
              testId={`curve-${kind}`}
              value={curves.includes(kind)}
              onChange={(on) => toggleCurve(kind, on)}
            />
          ))}
          <SelectControl
            label="Quantity"
            tex={QUANTITY_TEX[quantity]}
            testId="quantity-select"
            value={quantity}
            options={SCHEDULE_QUANTITIES.map((q) => ({ value: q, label: QUANTITY_LABELS[q] }))}
            onChange={(v) => setParam('quantity', v)}
          />
        </fieldset>
        <fieldset>
          <legend>Steps and grids</legend>
          <StepsInput label="Steps N" />
          <ProcessSelect label="Process of the σ grids" />
          {process === 'vp-discrete' && <BetaScheduleSelect label="β schedule of the σ grids" />}
        </fieldset>
      </SettingsColumn>
      <section className="view-main schedule-inspector" aria-label="Schedule inspector">
        <h2 className="panel-title">β schedules: {QUANTITY_LABELS[quantity]} against t</h2>
        <LineChartBox
          ariaLabel="Beta schedules compared"
          xLabel="training timestep t"
          yLabel={QUANTITY_LABELS[quantity]}
          data={curveData}
          testId="curves-chart"
        />
        <LearnedVariancePanel />
        <LearnedSchedulePanel curves={curves} />
        <h2 className="panel-title">Timesteps visited with N = {steps} steps</h2>
        <LineChartBox
          ariaLabel="Timesteps of each spacing"
          xLabel="step i"
          yLabel="timestep t_i"
          data={spacingData}
          testId="spacing-chart"
        />
        <ul className="timestep-lists">
          {TIMESTEP_SPACINGS.map((s) => (
            <li key={s}>
              <strong>{s}</strong>{' '}
              <span className="timestep-list" data-testid={`spacing-${s}`}>
                {spacedTimesteps(s, steps, 1000).join(', ')}
              </span>
            </li>
          ))}
        </ul>
        <h2 className="panel-title">
          σ grids on the {process} process, N = {steps}
        </h2>
        <LineChartBox
          ariaLabel="Sigma grids compared"
          xLabel="step i"
          yLabel="σ_i"
          data={gridData}
          testId="grid-chart"
        />
        <DiffusersConfigPanel
          text={configText}
          onText={setConfigText}
          result={config}
          steps={steps}
        />
      </section>
    </div>
  );
}
