import { useSyncExternalStore } from 'react';
import { getDataset } from '../../core/data';
import { METRIC_LABELS } from '../../core/lab/report';
import { SWEEP_METRICS } from '../../state/labFields';
import type { LabSettings } from '../../state/labSettings';
import { trainedModel } from '../../state/trainedModel';
import { DatasetSelect } from '../controls/DataControls';
import { NumberControl, NumberSelectControl, SelectControl } from '../controls/fields';
import { ProcessControls } from '../controls/ProcessControls';
import { ParticlesInput, SeedInput } from '../controls/RunControls';
import { FLOW_TEX } from '../flowHelp';
import { TEX } from '../help';
import { labModelOptions } from './labModel';
import { LaneEditor } from './LaneEditor';
import { TextField } from './TextField';
import { useParam, useSetParam } from '../useParams';

/** The exact-mixture benchmark: the setting on which measured orders match theory (orders.test.ts). */
const BENCHMARK = { dataset: 'gaussians8', process: 'edm', grid: 'karras' } as const;

const TOLERANCES = [1e-6, 1e-7, 1e-8, 1e-9, 1e-10];

/** The lab's left column: data, model and process, the samplers, the lockstep budget, the sweep. */
export function LabControls({ lab }: { lab: LabSettings }) {
  const dataset = useParam('dataset');
  const setParam = useSetParam();
  const trained = useSyncExternalStore(trainedModel.subscribe, trainedModel.read);
  const mixture = Boolean(getDataset(dataset).mixture);
  return (
    <aside className="controls" aria-label="Lab settings">
      <fieldset>
        <legend>Data, model and process</legend>
        <DatasetSelect />
        <p className="lab-note" data-testid="model-kind">
          {mixture
            ? 'Gaussian mixture: exact score and analytic log-density.'
            : 'Point set: the exact model is the empirical denoiser of 2000 points.'}
        </p>
        <SelectControl
          label="Model of the lockstep panels"
          tex={lab.model === 'fm' ? FLOW_TEX.fm : TEX.model}
          help="The reference ODE solution and every error (lockstep and sweep) use the exact model, so a network's panels show its error on top of the sampler's."
          testId="lab-model-select"
          value={lab.model}
          options={labModelOptions(lab.model, trained?.label ?? null)}
          onChange={(v) => setParam('model', v)}
        />
        <ProcessControls />
        <button
          type="button"
          data-testid="benchmark-preset"
          onClick={() => {
            setParam('dataset', BENCHMARK.dataset);
            setParam('process', BENCHMARK.process);
            setParam('grid', BENCHMARK.grid);
          }}
        >
          Benchmark: gaussians8 · EDM · Karras
        </button>
      </fieldset>
      <LaneEditor lanes={lab.lanes} />
      <fieldset>
        <legend>Lockstep run</legend>
        <NumberControl
          label="NFE budget"
          tex={String.raw`N_{\text{steps}} = \max\{N : \text{NFE}(N) \le \text{budget}\}`}
          testId="budget-input"
          value={lab.budget}
          min={1}
          max={1000}
          step={1}
          log
          onChange={(v) => setParam('lnfe', v)}
        />
        <ParticlesInput />
        <SeedInput />
      </fieldset>
      <fieldset>
        <legend>Error vs NFE sweep</legend>
        <TextField
          label="NFE budgets"
          testId="budgets-input"
          value={lab.budgets.join(',')}
          help="Comma-separated budgets; every sampler runs once per budget. The fitted order uses the upper half."
          onCommit={(v) => setParam('lbudgets', v)}
        />
        <NumberControl
          label="Sweep particles"
          testId="sweep-particles-input"
          value={lab.sweepParticles}
          min={16}
          max={4000}
          step={1}
          log
          onChange={(v) => setParam('lsweepn', v)}
        />
        <NumberSelectControl
          label="Reference tolerance"
          tex={String.raw`\text{RK45: } \|e\| \le \text{atol} + \text{rtol}\,|x|,\ \ \text{rtol}=\text{atol}`}
          testId="tolerance-select"
          value={lab.tolerance}
          options={[...new Set([...TOLERANCES, lab.tolerance])].map((v) => ({
            value: v,
            label: String(v),
          }))}
          onChange={(v) => setParam('ltol', v)}
        />
        <SelectControl
          label="Error"
          testId="metric-select"
          value={lab.metric}
          options={SWEEP_METRICS.map((value) => ({ value, label: METRIC_LABELS[value] }))}
          onChange={(v) => setParam('lmetric', v)}
        />
      </fieldset>
    </aside>
  );
}
