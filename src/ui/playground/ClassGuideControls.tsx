import { GUIDES } from '../../state/guidanceFields';
import { NumberControl, SelectControl } from '../controls/fields';
import { useParams, useSetParam } from '../useParams';

const LABELS: Record<(typeof GUIDES)[number], string> = {
  none: 'none',
  cfg: 'classifier-free (Ho & Salimans 2022)',
  classifier: 'classifier (Dhariwal & Nichol 2021)',
};

const HELP =
  'Guides the run to one class of a labelled data set: a component of the Gaussian mixture (gaussians8, gaussians25). Classifier guidance adds w·σ²∇log p(y | x_σ) from the exact mixture classifier; CFG mixes the exact class-conditional denoiser, D + w(D_y − D), which on the exact model is the same thing. At w = 1 both sample the class exactly.';

/** Class guidance of a 2D run (docs/GUIDANCE.md). */
export function ClassGuideControls() {
  const p = useParams(['guide', 'gclass', 'guidance'] as const);
  const setParam = useSetParam();
  return (
    <fieldset>
      <legend>Class guidance</legend>
      <SelectControl
        label="Guidance"
        help={HELP}
        testId="guide-select"
        value={p.guide}
        options={GUIDES.map((g) => ({ value: g, label: LABELS[g] }))}
        onChange={(v) => setParam('guide', v)}
      />
      {p.guide !== 'none' && (
        <NumberControl
          label="Class (component)"
          testId="gclass-input"
          value={p.gclass}
          min={0}
          max={24}
          step={1}
          onChange={(v) => setParam('gclass', v)}
        />
      )}
      {p.guide !== 'none' && (
        <NumberControl
          label="Scale w"
          testId="guidance-input"
          value={p.guidance}
          min={0}
          max={10}
          step={0.1}
          onChange={(v) => setParam('guidance', v)}
        />
      )}
    </fieldset>
  );
}
