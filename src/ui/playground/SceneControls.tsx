import { DATASETS } from '../../core/data';
import { BETA_SCHEDULES } from '../../core/schedules/betas';
import { SIGMA_GRID_KINDS } from '../../core/schedules/grid';
import { TIMESTEP_SPACINGS } from '../../core/schedules/spacing';
import { PROCESS_IDS } from '../../core/scene/settings';
import { MAX_PARTICLES, MODELS_2D } from '../../state/fields';
import { model2d } from '../../state/scene';
import { useStore } from '../../state/store';
import { NumberControl, SelectControl, ToggleControl } from '../controls/fields';
import { TEX } from '../help';
import { useHidden } from '../useHidden';
import { CustomDataPanel } from './CustomDataPanel';
import { SamplerControls } from './SamplerControls';
import { SettingsColumn } from './SettingsColumn';
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
  trained: 'trained in this page (Train view)',
};

const DATASET_OPTIONS = [
  ...DATASETS.map((d) => ({ value: d.id, label: d.title })),
  { value: 'custom', label: 'Draw your own / upload' },
];

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
  const hidden = useHidden();
  const discrete = p.process === 'vp-discrete';
  const custom = p.dataset === 'custom';
  const show = (name: string) => !hidden(name);
  return (
    <SettingsColumn>
      <fieldset>
        <legend>Data and model</legend>
        {show('dataset') && (
          <SelectControl
            label="Data set"
            tex={TEX.dataset}
            testId="dataset-select"
            value={String(p.dataset)}
            options={DATASET_OPTIONS}
            onChange={(v) => setParam('dataset', v)}
          />
        )}
        {custom && <CustomDataPanel />}
        {show('model') && (
          <SelectControl
            label="Model"
            tex={TEX.model}
            testId="model-select"
            value={custom ? 'exact' : model2d(p)}
            options={MODELS_2D.map((m) => ({ value: m, label: MODEL_LABELS[m] }))}
            disabled={custom}
            help={
              custom
                ? 'A drawn set has only its exact (empirical) denoiser.'
                : forward
                  ? 'Forward noising needs no model: this view noises the data and draws the exact noised density; the model is used by the reverse, compare, mesh and lab views.'
                  : undefined
            }
            onChange={(v) => setParam('model', v)}
          />
        )}
      </fieldset>
      <fieldset>
        <legend>Noise process</legend>
        {show('process') && (
          <SelectControl
            label="Process"
            tex={TEX.process[String(p.process)]}
            testId="process-select"
            value={String(p.process)}
            options={PROCESS_IDS.map((id) => ({ value: id, label: PROCESS_LABELS[id] }))}
            onChange={(v) => setParam('process', v)}
          />
        )}
        {p.process === 'flow' && show('shift') && <ShiftControl />}
        {discrete && show('schedule') && (
          <SelectControl
            label="β schedule"
            tex={TEX.beta[String(p.schedule)]}
            testId="schedule-select"
            value={String(p.schedule)}
            options={BETA_SCHEDULES}
            onChange={(v) => setParam('schedule', v)}
          />
        )}
        {discrete && !forward && show('spacing') && (
          <SelectControl
            label="Timestep spacing"
            tex={TEX.spacing[String(p.spacing)]}
            testId="spacing-select"
            value={String(p.spacing)}
            options={TIMESTEP_SPACINGS}
            onChange={(v) => setParam('spacing', v)}
          />
        )}
        {!discrete && !forward && show('grid') && (
          <SelectControl
            label="σ grid"
            tex={TEX.grid[String(p.grid)]}
            testId="grid-select"
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
        {!forward && show('steps') && (
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
        {show('n') && (
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
        )}
        {show('seed') && (
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
        )}
      </fieldset>
      {!forward && (
        <fieldset>
          <legend>Show</legend>
          {show('field') && (
            <ToggleControl
              label="Score field"
              tex={TEX.field}
              testId="field-toggle"
              value={Boolean(p.field)}
              onChange={(v) => setParam('field', v)}
            />
          )}
          {show('ghosts') && (
            <ToggleControl
              label="x̂₀ estimates"
              tex={TEX.ghosts}
              testId="ghosts-toggle"
              value={Boolean(p.ghosts)}
              onChange={(v) => setParam('ghosts', v)}
            />
          )}
          {show('trails') && (
            <ToggleControl
              label="Trails"
              tex={TEX.trails}
              testId="trails-toggle"
              value={Boolean(p.trails)}
              onChange={(v) => setParam('trails', v)}
            />
          )}
          {show('density') && (
            <ToggleControl
              label="Particle density"
              tex={TEX.density}
              testId="density-toggle"
              value={Boolean(p.density)}
              onChange={(v) => setParam('density', v)}
            />
          )}
        </fieldset>
      )}
    </SettingsColumn>
  );
}
