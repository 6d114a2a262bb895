import { TRAIN_PARAMS } from '../../state/train';
import { TIME_EMBEDDINGS, TRAIN_STARTS } from '../../state/trainFields';
import { OBJECTIVES } from '../../worker/protocol';
import { DatasetSelect } from '../controls/DataControls';
import { NumberControl, NumberSelectControl, SelectControl } from '../controls/fields';
import { BetaScheduleSelect } from '../controls/ProcessControls';
import { SettingsColumn } from '../playground/SettingsColumn';
import { useParams, useSetParam } from '../useParams';
import { CustomPointsInput } from './CustomPointsInput';
import { DistillControls } from './DistillControls';
import { TRAIN_TEX } from './trainHelp';

const OBJECTIVE_LABELS: Record<string, string> = {
  eps: 'ε prediction (L_simple)',
  x0: 'x₀ prediction (L_simple)',
  v: 'v prediction (L_simple)',
  dsm: 'denoising score matching (NCSN λ)',
  edm: 'EDM preconditioned loss',
};
const LEARNING_RATES = [1e-4, 3e-4, 1e-3, 2e-3, 3e-3, 5e-3, 1e-2];
const EMA_DECAYS = [0, 0.9, 0.99, 0.995, 0.999, 0.9999];

/** Preset values as options, plus the current one when a link set another. */
function presets(values: number[], current: number, label: (v: number) => string) {
  const all = values.includes(current) ? values : [...values, current].sort((a, b) => a - b);
  return all.map((v) => ({ value: v, label: label(v) }));
}

/** The train view's left column: data, objective, network, optimiser and what the views show. */
export function TrainControls() {
  // The column re-renders when a field of the training run changes (its selector).
  const p = useParams(TRAIN_PARAMS);
  const setParam = useSetParam();
  const dataset = p.dataset;
  const shipped = p.tstart === 'shipped';
  return (
    <SettingsColumn>
      <fieldset>
        <legend>Data and start</legend>
        <DatasetSelect testId="train-dataset" custom="your points (upload)" />
        {dataset === 'custom' && <CustomPointsInput />}
        <SelectControl
          label="Start from"
          testId="train-start"
          value={p.tstart}
          options={TRAIN_STARTS.map((s) => ({
            value: s,
            label: s === 'scratch' ? 'scratch (seeded weights)' : `the shipped mlp-${dataset}`,
          }))}
          onChange={(v) => setParam('tstart', v)}
        />
        {shipped && (
          <p className="train-note">
            Fine-tuning keeps the shipped network&apos;s width, depth, time embedding and schedule.
          </p>
        )}
      </fieldset>
      <DistillControls />
      <fieldset>
        <legend>Objective</legend>
        {/* A distillation run has its own loss (the student predicts v, or F for a consistency model). */}
        {p.tmode === 'diffusion' && (
          <SelectControl
            label="Loss"
            tex={TRAIN_TEX.objective[p.tobj]}
            testId="train-objective"
            value={p.tobj}
            options={OBJECTIVES.map((o) => ({ value: o, label: OBJECTIVE_LABELS[o] }))}
            onChange={(v) => setParam('tobj', v)}
          />
        )}
        {p.tmode === 'hybrid' && (
          <p className="train-note">
            Loss: L<sub>simple</sub> on ε̂ plus λ·L<sub>vlb</sub> on Σ<sub>θ</sub> (the mean held
            fixed in L<sub>vlb</sub>).
          </p>
        )}
        {p.tmode === 'vdm' && (
          <p className="train-note">
            The variational bound of VDM, on a learned schedule (see Train above).
          </p>
        )}
        {/* A VDM run learns its schedule (the Train fieldset above). */}
        {p.tmode !== 'vdm' && (
          <BetaScheduleSelect field="tsched" testId="train-schedule" tex={TRAIN_TEX.schedule} />
        )}
      </fieldset>
      <fieldset>
        <legend>Network</legend>
        <NumberControl
          label="Width"
          tex={TRAIN_TEX.width}
          testId="train-width"
          value={p.twidth}
          min={4}
          max={512}
          step={1}
          log
          onChange={(v) => setParam('twidth', v)}
        />
        <NumberControl
          label="Depth (layers)"
          testId="train-depth"
          value={p.tdepth}
          min={1}
          max={8}
          step={1}
          onChange={(v) => setParam('tdepth', v)}
        />
        <SelectControl
          label="Time embedding"
          tex={TRAIN_TEX.timeEmbedding[p.temb]}
          testId="train-embedding"
          value={p.temb}
          options={TIME_EMBEDDINGS.map((e) => ({
            value: e,
            label: e === 'fourier' ? 'random Fourier features' : 'sinusoidal (DDPM)',
          }))}
          onChange={(v) => setParam('temb', v)}
        />
      </fieldset>
      <fieldset>
        <legend>Optimiser</legend>
        <NumberSelectControl
          label="Adam learning rate"
          tex={TRAIN_TEX.learningRate}
          testId="train-lr"
          value={p.tlr}
          options={presets(LEARNING_RATES, p.tlr, (v) => v.toExponential(0))}
          onChange={(v) => setParam('tlr', v)}
        />
        <NumberControl
          label="Batch size"
          tex={TRAIN_TEX.batch}
          testId="train-batch"
          value={p.tbatch}
          min={8}
          max={4096}
          step={1}
          log
          onChange={(v) => setParam('tbatch', v)}
        />
        <NumberSelectControl
          label="EMA decay"
          tex={TRAIN_TEX.ema}
          testId="train-ema"
          value={p.tema}
          options={presets(EMA_DECAYS, p.tema, (v) => (v === 0 ? '0 (off)' : String(v)))}
          onChange={(v) => setParam('tema', v)}
        />
        <NumberControl
          label="Seed"
          tex={TRAIN_TEX.seed}
          testId="train-seed"
          value={p.tseed}
          min={0}
          max={2 ** 31 - 1}
          step={1}
          onChange={(v) => setParam('tseed', v)}
        />
      </fieldset>
      <fieldset>
        <legend>Live views</legend>
        <NumberControl
          label="Snapshot every k steps"
          tex={TRAIN_TEX.every}
          testId="train-every"
          value={p.tevery}
          min={10}
          max={10_000}
          step={1}
          log
          onChange={(v) => setParam('tevery', v)}
        />
        <NumberControl
          label="Field at t (fraction of T)"
          testId="train-field-t"
          value={p.tfield}
          min={0}
          max={1}
          step={0.01}
          onChange={(v) => setParam('tfield', v)}
        />
        <NumberControl
          label="Error map at t (fraction of T)"
          tex={TRAIN_TEX.error}
          testId="train-map-t"
          value={p.tmap}
          min={0}
          max={1}
          step={0.01}
          onChange={(v) => setParam('tmap', v)}
        />
        <NumberControl
          label="Pause at step (0: never)"
          testId="train-stop"
          value={p.tstop}
          min={0}
          max={1_000_000}
          step={1}
          onChange={(v) => setParam('tstop', v)}
        />
      </fieldset>
    </SettingsColumn>
  );
}
