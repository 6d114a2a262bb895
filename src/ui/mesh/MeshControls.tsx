import { DATASETS } from '../../core/data';
import { BETA_SCHEDULES } from '../../core/schedules/betas';
import { SIGMA_GRID_KINDS } from '../../core/schedules/grid';
import { TIMESTEP_SPACINGS } from '../../core/schedules/spacing';
import { PROCESS_IDS } from '../../core/scene/settings';
import { MODELS_2D } from '../../state/fields';
import { model2d } from '../../state/scene';
import { useStore } from '../../state/store';
import { NumberControl, SelectControl } from '../controls/fields';
import { FLOW_TEX } from '../flowHelp';
import { TEX } from '../help';
import { SamplerControls } from '../playground/SamplerControls';
import { MODEL_LABELS, PROCESS_LABELS } from '../playground/SceneControls';
import { ShiftControl } from '../playground/ShiftControl';

const DIFFUSION_IDS = PROCESS_IDS.filter((id) => id !== 'flow');

/** The mesh view's column: data and model, the two processes, the ODE sampler and the sizes. */
export function MeshControls() {
  const p = useStore((s) => s.params);
  const setParam = useStore((s) => s.setParam);
  const diffusion = p.process === 'flow' ? 'vp' : String(p.process);
  return (
    <aside className="controls" aria-label="Mesh settings">
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
          label="Model (both panels)"
          tex={p.model === 'fm' ? FLOW_TEX.fm : TEX.model}
          testId="model-select"
          value={model2d(p)}
          options={MODELS_2D.map((m) => ({ value: m, label: MODEL_LABELS[m] }))}
          onChange={(v) => setParam('model', v)}
        />
      </fieldset>
      <fieldset>
        <legend>Processes</legend>
        <ShiftControl />
        <SelectControl
          label="Diffusion process (right)"
          tex={TEX.process[diffusion]}
          testId="process-select"
          value={diffusion}
          options={DIFFUSION_IDS.map((id) => ({ value: id, label: PROCESS_LABELS[id] }))}
          onChange={(v) => setParam('process', v)}
        />
        <SelectControl
          label="σ grid"
          tex={TEX.grid[String(p.grid)]}
          value={String(p.grid)}
          options={SIGMA_GRID_KINDS}
          onChange={(v) => setParam('grid', v)}
        />
        {diffusion === 'vp-discrete' && (
          <>
            <SelectControl
              label="β schedule"
              tex={TEX.beta[String(p.schedule)]}
              value={String(p.schedule)}
              options={BETA_SCHEDULES}
              onChange={(v) => setParam('schedule', v)}
            />
            <SelectControl
              label="Timestep spacing"
              tex={TEX.spacing[String(p.spacing)]}
              value={String(p.spacing)}
              options={TIMESTEP_SPACINGS}
              onChange={(v) => setParam('spacing', v)}
            />
          </>
        )}
      </fieldset>
      <SamplerControls />
      <fieldset>
        <legend>Sizes</legend>
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
        <NumberControl
          label="Grid lines"
          tex={FLOW_TEX.mesh}
          testId="lines-input"
          value={Number(p.mlines)}
          min={3}
          max={41}
          step={1}
          onChange={(v) => setParam('mlines', v)}
        />
        <NumberControl
          label="Paths for straightness"
          tex={FLOW_TEX.straightness}
          testId="paths-input"
          value={Number(p.mn)}
          min={16}
          max={2000}
          step={1}
          log
          onChange={(v) => setParam('mn', v)}
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
    </aside>
  );
}
