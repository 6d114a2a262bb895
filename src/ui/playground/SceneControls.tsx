import { DATASETS } from '../../core/data';
import { BETA_SCHEDULES } from '../../core/schedules/betas';
import { SIGMA_GRID_KINDS } from '../../core/schedules/grid';
import { TIMESTEP_SPACINGS } from '../../core/schedules/spacing';
import { PROCESS_IDS } from '../../core/scene/settings';
import { MAX_PARTICLES, MODELS_2D } from '../../state/fields';
import { useStore } from '../../state/store';
import { NumberControl, SelectControl, ToggleControl } from '../controls/fields';
import { TEX } from '../help';
import { SamplerControls } from './SamplerControls';
import { ShiftControl } from './ShiftControl';

export const PROCESS_LABELS: Record<string, string> = {
  'vp-discrete': 'VP, discrete (DDPM, T = 1000)',
  vp: 'VP SDE',
  subvp: 'sub-VP SDE',
  ve: 'VE SDE',
  edm: 'EDM (σ(t) = t)',
  flow: 'Flow matching (rectified flow)',
};

export const MODEL_LABELS: Record<string, string> = {
  exact: 'exact (analytic)',
  mlp: 'trained MLP (diffusion)',
  fm: 'trained MLP (flow matching)',
};

/** The left column: data, model, process, sampler, sizes, seed and display toggles. */
export function SceneControls({
  compare = false,
  forward = false,
}: {
  compare?: boolean;
  forward?: boolean;
}) {
  const p = useStore((s) => s.params);
  const setParam = useStore((s) => s.setParam);
  const discrete = p.process === 'vp-discrete';
  return (
    <aside className="controls" aria-label="Scene settings">
      <fieldset>
        <legend>Data and model</legend>
        <SelectControl
          label="Data set"
          tex={TEX.dataset}
          testId="dataset-select"
          value={String(p.dataset)}
          options={DATASETS.map((d) => ({ value: d.id, label: d.title }))}
          onChange={(v) => setParam('dataset', v)}
        />
        <SelectControl
          label="Model"
          tex={TEX.model}
          testId="model-select"
          value={String(p.model)}
          options={MODELS_2D.map((m) => ({ value: m, label: MODEL_LABELS[m] }))}
          onChange={(v) => setParam('model', v)}
        />
      </fieldset>
      <fieldset>
        <legend>Noise process</legend>
        <SelectControl
          label="Process"
          tex={TEX.process[String(p.process)]}
          testId="process-select"
          value={String(p.process)}
          options={PROCESS_IDS.map((id) => ({ value: id, label: PROCESS_LABELS[id] }))}
          onChange={(v) => setParam('process', v)}
        />
        {p.process === 'flow' && <ShiftControl />}
        {discrete ? (
          <>
            <SelectControl
              label="β schedule"
              tex={TEX.beta[String(p.beta)]}
              value={String(p.beta)}
              options={BETA_SCHEDULES}
              onChange={(v) => setParam('beta', v)}
            />
            <SelectControl
              label="Timestep spacing"
              tex={TEX.spacing[String(p.spacing)]}
              value={String(p.spacing)}
              options={TIMESTEP_SPACINGS}
              onChange={(v) => setParam('spacing', v)}
            />
          </>
        ) : (
          <SelectControl
            label="σ grid"
            tex={TEX.grid[String(p.grid)]}
            value={String(p.grid)}
            options={SIGMA_GRID_KINDS}
            onChange={(v) => setParam('grid', v)}
          />
        )}
      </fieldset>
      {!forward && <SamplerControls />}
      {compare && <SamplerControls which={2} />}
      <fieldset>
        <legend>Run</legend>
        {!forward && (
          <NumberControl
            label="Steps"
            tex={TEX.steps}
            testId="steps-input"
            value={Number(p.steps)}
            min={1}
            max={1000}
            step={1}
            log
            onChange={(v) => setParam('steps', v)}
          />
        )}
        <NumberControl
          label="Particles"
          tex={TEX.particles}
          testId="particles-input"
          value={Number(p.n)}
          min={100}
          max={MAX_PARTICLES}
          step={1}
          log
          onChange={(v) => setParam('n', v)}
        />
        <NumberControl
          label="Seed"
          tex={TEX.seed}
          testId="seed-input"
          value={Number(p.seed)}
          min={0}
          max={2 ** 31 - 1}
          step={1}
          onChange={(v) => setParam('seed', v)}
        />
      </fieldset>
      <fieldset>
        <legend>Show</legend>
        <ToggleControl
          label="Score field"
          tex={TEX.field}
          value={Boolean(p.field)}
          onChange={(v) => setParam('field', v)}
        />
        <ToggleControl
          label="x̂₀ estimates"
          tex={TEX.ghosts}
          value={Boolean(p.ghosts)}
          onChange={(v) => setParam('ghosts', v)}
        />
        <ToggleControl
          label="Trails"
          value={Boolean(p.trails)}
          onChange={(v) => setParam('trails', v)}
        />
        <ToggleControl
          label="Particle density"
          value={Boolean(p.density)}
          onChange={(v) => setParam('density', v)}
        />
      </fieldset>
    </aside>
  );
}
