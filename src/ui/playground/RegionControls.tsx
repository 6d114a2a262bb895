import { REGION_KINDS } from '../../state/guidanceFields';
import { NumberControl, SelectControl } from '../controls/fields';
import { useParams, useSetParam } from '../useParams';

const LABELS: Record<(typeof REGION_KINDS)[number], string> = {
  none: 'none (the whole data distribution)',
  half: 'half-plane ⟨n, x⟩ ≥ offset',
  disc: 'disc',
};

const FIELDS = ['region', 'rang', 'roff', 'rcx', 'rcy', 'rrad', 'rzeta', 'model'] as const;

const HELP =
  'Samples the data restricted to the region. On the exact model the guidance is exact: E[x₀ | x_σ, x₀ ∈ R] (closed form for a half-plane on a Gaussian mixture; the restricted point set otherwise). On a trained network it is reconstruction guidance (DPS-style) through the network’s Jacobian, scaled by ζ.';

/** The region a 2D run is constrained to (docs/GUIDANCE.md). */
export function RegionControls() {
  const p = useParams(FIELDS);
  const setParam = useSetParam();
  const number = (
    field: 'rang' | 'roff' | 'rcx' | 'rcy' | 'rrad' | 'rzeta',
    label: string,
    min: number,
    max: number,
    step: number,
  ) => (
    <NumberControl
      label={label}
      testId={`${field}-input`}
      value={p[field]}
      min={min}
      max={max}
      step={step}
      onChange={(v) => setParam(field, v)}
    />
  );
  return (
    <fieldset>
      <legend>Region constraint</legend>
      <SelectControl
        label="Region"
        help={HELP}
        testId="region-select"
        value={p.region}
        options={REGION_KINDS.map((k) => ({ value: k, label: LABELS[k] }))}
        onChange={(v) => setParam('region', v)}
      />
      {p.region === 'half' && number('rang', 'Normal angle (degrees)', -180, 180, 5)}
      {p.region === 'half' && number('roff', 'Offset', -3, 3, 0.05)}
      {p.region === 'disc' && number('rcx', 'Centre x', -3, 3, 0.05)}
      {p.region === 'disc' && number('rcy', 'Centre y', -3, 3, 0.05)}
      {p.region === 'disc' && number('rrad', 'Radius', 0.05, 3, 0.05)}
      {p.region !== 'none' &&
        p.model !== 'exact' &&
        number('rzeta', 'Guidance scale ζ', 0, 10, 0.1)}
    </fieldset>
  );
}
