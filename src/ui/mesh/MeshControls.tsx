import { PROCESS_IDS } from '../../core/scene/settings';
import { DatasetSelect, ModelSelect } from '../controls/DataControls';
import { NumberControl } from '../controls/fields';
import {
  BetaScheduleSelect,
  GridSelect,
  ProcessSelect,
  SpacingSelect,
} from '../controls/ProcessControls';
import { SeedInput, StepsInput } from '../controls/RunControls';
import { FLOW_TEX } from '../flowHelp';
import { SamplerControls } from '../playground/SamplerControls';
import { ShiftControl } from '../playground/ShiftControl';
import { useParams, useSetParam } from '../useParams';

const DIFFUSION_IDS = PROCESS_IDS.filter((id) => id !== 'flow');
const SHOWN = ['process', 'mlines', 'mn'] as const;

/** The mesh view's column: data and model, the two processes, the ODE sampler and the sizes. */
export function MeshControls() {
  const p = useParams(SHOWN);
  const setParam = useSetParam();
  const diffusion = p.process === 'flow' ? 'vp' : p.process;
  return (
    <aside className="controls" aria-label="Mesh settings">
      <fieldset>
        <legend>Data and model</legend>
        <DatasetSelect />
        <ModelSelect label="Model (both panels)" />
      </fieldset>
      <fieldset>
        <legend>Processes</legend>
        <ShiftControl />
        <ProcessSelect label="Diffusion process (right)" ids={DIFFUSION_IDS} value={diffusion} />
        <GridSelect />
        {diffusion === 'vp-discrete' && (
          <>
            <BetaScheduleSelect />
            <SpacingSelect />
          </>
        )}
      </fieldset>
      <SamplerControls />
      <fieldset>
        <legend>Sizes</legend>
        <StepsInput />
        <NumberControl
          label="Grid lines"
          tex={FLOW_TEX.mesh}
          testId="lines-input"
          value={p.mlines}
          min={3}
          max={41}
          step={1}
          onChange={(v) => setParam('mlines', v)}
        />
        <NumberControl
          label="Paths for straightness"
          tex={FLOW_TEX.straightness}
          testId="paths-input"
          value={p.mn}
          min={16}
          max={2000}
          step={1}
          log
          onChange={(v) => setParam('mn', v)}
        />
        <SeedInput />
      </fieldset>
    </aside>
  );
}
