import { DatasetSelect, ModelSelect } from '../controls/DataControls';
import { ToggleControl } from '../controls/fields';
import { ProcessControls } from '../controls/ProcessControls';
import { ParticlesInput, SeedInput, StepsInput } from '../controls/RunControls';
import { TEX } from '../help';
import { useHidden } from '../useHidden';
import { useParams, useSetParam } from '../useParams';
import { ClassGuideControls } from './ClassGuideControls';
import { CustomDataPanel } from './CustomDataPanel';
import { RegionControls } from './RegionControls';
import { SamplerControls } from './SamplerControls';
import { SettingsColumn } from './SettingsColumn';

/** The display toggles: URL field (also its tooltip's key in TEX) and label. */
const SHOW_TOGGLES = [
  ['field', 'Score field'],
  ['ghosts', 'x̂₀ estimates'],
  ['trails', 'Trails'],
  ['density', 'Particle density'],
] as const;
/** The fields the column reads itself (its selector); the controls it holds read their own. */
const SHOWN = ['dataset', ...SHOW_TOGGLES.map(([field]) => field)] as const;

/** The left column: data, model, process, sampler, sizes, seed and display toggles. */
export function SceneControls({
  compare = false,
  forward = false,
}: {
  compare?: boolean;
  forward?: boolean;
}) {
  const p = useParams(SHOWN);
  const setParam = useSetParam();
  const hidden = useHidden();
  const custom = p.dataset === 'custom';
  return (
    <SettingsColumn>
      <fieldset>
        <legend>Data and model</legend>
        <DatasetSelect custom="Draw your own / upload" />
        {custom && <CustomDataPanel />}
        <ModelSelect
          help={
            forward
              ? 'Forward noising needs no model: this view noises the data and draws the exact noised density; the model is used by the reverse, compare, mesh and lab views.'
              : undefined
          }
        />
      </fieldset>
      <fieldset>
        <legend>Noise process</legend>
        <ProcessControls forward={forward} />
      </fieldset>
      {!forward && <SamplerControls />}
      {compare && <SamplerControls which={2} />}
      {!forward && <RegionControls />}
      {!forward && <ClassGuideControls />}
      <fieldset>
        <legend>Run</legend>
        {!forward && <StepsInput />}
        <ParticlesInput />
        <SeedInput />
      </fieldset>
      {!forward && (
        <fieldset>
          <legend>Show</legend>
          {SHOW_TOGGLES.filter(([field]) => !hidden(field)).map(([field, label]) => (
            <ToggleControl
              key={field}
              label={label}
              tex={TEX[field]}
              testId={`${field}-toggle`}
              value={p[field]}
              onChange={(v) => setParam(field, v)}
            />
          ))}
        </fieldset>
      )}
    </SettingsColumn>
  );
}
