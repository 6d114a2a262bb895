import { TRAIN_MODES } from '../../state/trainFields';
import { NumberControl, SelectControl } from '../controls/fields';
import { useParams, useSetParam } from '../useParams';
import { HybridControls } from './HybridControls';
import { VdmControls } from './VdmControls';

const MODE_LABELS: Record<(typeof TRAIN_MODES)[number], string> = {
  diffusion: 'a diffusion model (the loss above)',
  distill: 'progressive distillation',
  cd: 'consistency distillation',
  ct: 'consistency training',
  hybrid: 'ε and a learned variance (Improved DDPM)',
  vdm: 'a VDM with a learned noise schedule',
};

const FIELDS = ['tmode', 'tdn', 'tround', 'tlevels', 'tstart', 'dataset'] as const;

/**
 * What a run trains: a diffusion model, a few-step sampler distilled from a teacher (the
 * shipped network when the run starts from it, else the data set's exact denoiser), or a
 * diffusion model with a learned reverse variance.
 */
export function DistillControls() {
  const p = useParams(FIELDS);
  const setParam = useSetParam();
  const teacher =
    p.tstart === 'shipped' ? `the shipped mlp-${p.dataset}` : 'the exact denoiser of the data';
  return (
    <fieldset>
      <legend>Train</legend>
      <SelectControl
        label="What to train"
        testId="train-mode"
        value={p.tmode}
        options={TRAIN_MODES.map((m) => ({ value: m, label: MODE_LABELS[m] }))}
        onChange={(v) => setParam('tmode', v)}
      />
      {p.tmode !== 'diffusion' && p.tmode !== 'hybrid' && p.tmode !== 'vdm' && (
        <p className="train-note">Teacher: {teacher}.</p>
      )}
      {p.tmode === 'hybrid' && <HybridControls />}
      {p.tmode === 'distill' && (
        <>
          <NumberControl
            label="Teacher steps, first round (power of 2)"
            testId="train-distill-steps"
            value={p.tdn}
            min={2}
            max={256}
            step={1}
            log
            onChange={(v) => setParam('tdn', v)}
          />
          <NumberControl
            label="Training steps per round"
            testId="train-distill-round"
            value={p.tround}
            min={1}
            max={100_000}
            step={1}
            log
            onChange={(v) => setParam('tround', v)}
          />
        </>
      )}
      {(p.tmode === 'cd' || p.tmode === 'ct') && (
        <NumberControl
          label="Noise levels (Karras ρ = 7)"
          testId="train-consistency-levels"
          value={p.tlevels}
          min={3}
          max={200}
          step={1}
          onChange={(v) => setParam('tlevels', v)}
        />
      )}
      {p.tmode === 'vdm' && <VdmControls />}
    </fieldset>
  );
}
