import { SAMPLERS } from '../../core/samplers/registry';
import { CLASS_INDICES, IMAGE_MODELS, type ImageModelId } from '../../state/imageFields';
import type { ImageSettings } from '../../state/images';
import { MAX_CELLS, MAX_IMAGE_STEPS } from '../../worker/protocol';
import { NumberControl, SelectControl, ToggleControl } from '../controls/fields';
import { SpacingSelect } from '../controls/ProcessControls';
import { TEX } from '../help';
import { Tip } from '../controls/Tip';
import { FLOW_TEX } from '../flowHelp';
import { SamplerControls } from '../playground/SamplerControls';
import { ShiftControl } from '../playground/ShiftControl';
import { useParam, useSetParam } from '../useParams';
import { catalogModel, type Catalog } from './useImageCatalog';
import { IMAGE_TEX } from './imageHelp';

/** The grid and the interpolation row sample; inversion samplers map data to noise and have their own panel. */
const GRID_SAMPLERS = SAMPLERS.filter((s) => !s.id.endsWith('-inversion'));

/** What each image model is: its data and its process. */
const MODEL_LABELS: Record<ImageModelId, string> = {
  digits: 'digits: diffusion (DDPM, ε-prediction)',
  fashion: 'fashion: diffusion (DDPM, ε-prediction)',
  'digits-fm': 'digits-fm: flow matching (rectified flow, velocity)',
};

/** Class names of a model from the manifest, or indices while it loads. */
export function classNames(catalog: Catalog, model: string, classes = 10): string[] {
  return (
    catalogModel(catalog, model)?.classes ?? Array.from({ length: classes }, (_, i) => String(i))
  );
}

/** The image view's left column: model, class and guidance, sampler, steps, seed. */
export function ImageControls({
  settings: s,
  catalog,
  notes,
}: {
  settings: ImageSettings;
  catalog: Catalog;
  notes: string[];
}) {
  const setParam = useSetParam();
  const classChoice = useParam('class');
  const names = classNames(catalog, s.model);
  const sampling = s.panel === 'grid' || s.panel === 'interp';
  const uncond = s.classChoice === 'uncond';
  return (
    <aside className="controls" aria-label="Image settings">
      <fieldset>
        <legend>Model and class</legend>
        <SelectControl
          label="Image model"
          testId="image-model-select"
          value={s.model}
          options={IMAGE_MODELS.map((m) => ({
            value: m,
            label:
              catalog && 'models' in catalog && !catalogModel(catalog, m)
                ? `${m} (not in this build)`
                : MODEL_LABELS[m],
          }))}
          onChange={(v) => setParam('model', v)}
        />
        <p
          className="control-note"
          data-testid="image-process-note"
          data-process={s.flow ? 'flow' : 'diffusion'}
        >
          {s.flow
            ? 'Rectified flow x_t = (1 − t)x₀ + tε: the network predicts the velocity ε − x₀, turned into x̂₀ and ε̂ for every sampler.'
            : 'Discrete VP diffusion (DDPM, T = 1000): the network predicts the noise ε.'}{' '}
          {s.flow && (
            <Tip tex={FLOW_TEX.fm}>The velocity as a denoiser (k-diffusion σ = t/(1 − t)).</Tip>
          )}
        </p>
        <SelectControl
          label="Class"
          tex={IMAGE_TEX.class}
          testId="class-select"
          value={classChoice}
          options={[
            { value: 'all', label: 'every class (cell i → class i mod 10)' },
            { value: 'uncond', label: 'unconditional' },
            ...CLASS_INDICES.slice(0, names.length).map((c, i) => ({
              value: c,
              label: `${c}: ${names[i]}`,
            })),
          ]}
          onChange={(v) => setParam('class', v)}
        />
        <SelectControl
          label="Guidance by"
          tex={s.guide === 'classifier' ? IMAGE_TEX.classifierGuidance : IMAGE_TEX.guidance}
          testId="image-guide-select"
          value={s.guide}
          options={[
            { value: 'cfg', label: 'classifier-free (the model itself)' },
            { value: 'classifier', label: 'a noise-conditional classifier' },
          ]}
          // CFG is the image view's default, 'none' in the URL: so a 2D view does not read it as
          // a request for class guidance.
          onChange={(v) => setParam('guide', v === 'classifier' ? 'classifier' : 'none')}
        />
        <NumberControl
          label="Guidance w"
          tex={s.guide === 'classifier' ? IMAGE_TEX.classifierGuidance : IMAGE_TEX.guidance}
          testId="guidance-input"
          value={s.guidance}
          min={0}
          max={10}
          step={0.1}
          onChange={(v) => setParam('guidance', v)}
        />
        <p className="control-note" data-testid="guidance-note">
          {uncond
            ? 'Unconditional: the guidance weight has no effect (it is the same model as w = 0).'
            : s.guide === 'classifier'
              ? `The unconditional model plus w·σ² times the gradient of log p(class | x_σ), taken through ${s.model.startsWith('fashion') ? 'fashion' : 'digits'}-noisy-classifier each step (Dhariwal & Nichol 2021). w = 0 is the unconditional model.`
              : s.guidance === 0
                ? 'w = 0 is the unconditional model: the same samples as choosing "unconditional".'
                : s.guidance === 1
                  ? 'w = 1 is the plain conditional model (one network pass per evaluation).'
                  : 'w = 0 is the unconditional model, w = 1 the plain conditional one; above 1 the class is amplified (two passes per evaluation, batched).'}
        </p>
      </fieldset>
      {sampling && <SamplerControls samplers={GRID_SAMPLERS} />}
      <fieldset>
        <legend>Run</legend>
        {s.panel !== 'noising' && (
          <>
            <NumberControl
              label="Steps"
              tex={TEX.steps}
              testId="image-steps-input"
              value={s.steps}
              min={1}
              max={MAX_IMAGE_STEPS}
              step={1}
              log
              onChange={(v) => setParam('steps', v)}
            />
            <SpacingSelect
              disabled={s.flow}
              help={
                s.flow
                  ? 'Spacing picks among the 1000 training timesteps of a diffusion model; a flow model has continuous time, so its steps are spaced uniformly in t, moved by the time shift α.'
                  : undefined
              }
            />
            {s.flow && <ShiftControl />}
          </>
        )}
        {s.panel === 'grid' && (
          <NumberControl
            label="Samples"
            testId="count-input"
            value={s.count}
            min={1}
            max={MAX_CELLS}
            step={1}
            onChange={(v) => setParam('count', v)}
          />
        )}
        <NumberControl
          label="Seed"
          tex={IMAGE_TEX.seed}
          testId="image-seed-input"
          value={s.seed}
          min={0}
          max={2 ** 31 - 1}
          step={1}
          onChange={(v) => setParam('seed', v)}
        />
        {s.panel !== 'noising' && s.panel !== 'invert' && (
          <ToggleControl
            label="Clip x̂₀ to [−1, 1]"
            tex={IMAGE_TEX.clip}
            value={s.clipX0}
            onChange={(v) => setParam('clip', v)}
          />
        )}
      </fieldset>
      {notes.length > 0 && (
        <ul className="control-notes" data-testid="image-notes">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </aside>
  );
}
