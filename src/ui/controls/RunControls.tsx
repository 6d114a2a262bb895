import { MAX_PARTICLES } from '../../state/fields';
import { TEX } from '../help';
import { useHidden } from '../useHidden';
import { useParam, useSetParam } from '../useParams';
import { NumberControl } from './fields';

/** A whole-number URL field of the 2D scene as a slider and text box, hidden by `hide=`. */
function SceneNumber({
  field,
  ...control
}: {
  field: 'steps' | 'n' | 'seed';
  label: string;
  tex: string;
  testId: string;
  min: number;
  max: number;
  log?: boolean;
}) {
  const value = useParam(field);
  const setParam = useSetParam();
  const hidden = useHidden();
  if (hidden(field)) return null;
  return <NumberControl {...control} value={value} step={1} onChange={(v) => setParam(field, v)} />;
}

export function StepsInput({ label = 'Steps' }: { label?: string }) {
  return (
    <SceneNumber
      field="steps"
      label={label}
      tex={TEX.steps}
      testId="steps-input"
      min={1}
      max={1000}
      log
    />
  );
}

export function ParticlesInput() {
  return (
    <SceneNumber
      field="n"
      label="Particles"
      tex={TEX.particles}
      testId="particles-input"
      min={100}
      max={MAX_PARTICLES}
      log
    />
  );
}

export function SeedInput() {
  return (
    <SceneNumber
      field="seed"
      label="Seed"
      tex={TEX.seed}
      testId="seed-input"
      min={0}
      max={2 ** 31 - 1}
    />
  );
}
