import { memo, useMemo } from 'react';
import { DISCRETE_DATA_IDS, DISCRETE_DATA } from '../../core/discrete/datasets';
import { DISCRETE_SAMPLERS, requireDiscreteSampler } from '../../core/discrete/samplers/registry';
import { decodeSamplerParams, encodeSamplerParams } from '../../core/samplers/params';
import { DISCRETE_RUN_PARAMS, tokensPerStep } from '../../state/discrete';
import type { DiscreteData } from '../../state/discreteData';
import { DISCRETE_MODELS, MAX_DISCRETE_COUNT } from '../../state/discreteFields';
import { SamplerParamFields } from '../controls/SamplerParamFields';
import { NumberControl, SelectControl } from '../controls/fields';
import { useParams, useSetParam } from '../useParams';
import { useStore } from '../../state/store';
import { DISCRETE_TEX } from './discreteHelp';
import { InfillControls } from './InfillControls';

const DATASET_LABELS = { names: 'First names', digits: '8×8 digits (17 grey levels)' } as const;
const MODEL_LABELS = { network: 'Trained network (MDLM)', exact: 'Exact denoiser' } as const;

/** The discrete view's column: data and model, sampler, sizes, class and infilling. */
export const DiscreteControls = memo(function DiscreteControls({
  data,
}: {
  data: DiscreteData | null;
}) {
  const p = useParams(DISCRETE_RUN_PARAMS);
  const setParam = useSetParam();
  const def = requireDiscreteSampler(p.dsampler);
  const params = useMemo(() => decodeSamplerParams(def, p.dparams).params, [def, p.dparams]);
  const digits = p.dset === 'digits';
  return (
    <aside className="controls" aria-label="Discrete diffusion settings">
      <fieldset>
        <legend>Data and model</legend>
        <SelectControl
          label="Data set"
          testId="dset-select"
          value={p.dset}
          options={DISCRETE_DATA_IDS.map((v) => ({ value: v, label: DATASET_LABELS[v] }))}
          onChange={(v) => useStore.getState().setParams({ dset: v, dfix: '', dpaint: '' })}
        />
        <SelectControl
          label="Model"
          testId="dmodel-select"
          value={p.dmodel}
          options={DISCRETE_MODELS.map((v) => ({ value: v, label: MODEL_LABELS[v] }))}
          onChange={(v) => setParam('dmodel', v)}
        />
        {data && (
          <p className="muted">
            {data.train.tokens.length / data.train.L} training and{' '}
            {data.heldOut.tokens.length / data.heldOut.L} held-out sequences of length{' '}
            {DISCRETE_DATA[p.dset].L}.
          </p>
        )}
      </fieldset>
      <fieldset>
        <legend>Sampler</legend>
        <SelectControl
          label="Sampler"
          tex={DISCRETE_TEX.sampler}
          testId="dsampler-select"
          value={p.dsampler}
          options={DISCRETE_SAMPLERS.map((s) => ({ value: s.id, label: s.name }))}
          onChange={(v) => useStore.getState().setParams({ dsampler: v, dparams: '' })}
        />
        <p className="muted">{def.reference}</p>
        <SamplerParamFields
          def={def}
          params={params}
          testId={(key) => `dparam-${key}`}
          onChange={(key, value) =>
            setParam('dparams', encodeSamplerParams(def, { ...params, [key]: value }))
          }
        />
      </fieldset>
      <fieldset>
        <legend>Run</legend>
        <NumberControl
          label="Steps"
          testId="dsteps-input"
          value={p.dsteps}
          min={1}
          max={1000}
          step={1}
          log
          onChange={(v) => setParam('dsteps', v)}
        />
        <p className="muted" data-testid="tokens-per-step">
          {tokensPerStep(p)} tokens revealed per step on average; the reveal order is the confidence
          samplers&apos; own setting.
        </p>
        <NumberControl
          label="Sequences"
          testId="dcount-input"
          value={p.dcount}
          min={1}
          max={MAX_DISCRETE_COUNT}
          step={1}
          log
          onChange={(v) => setParam('dcount', v)}
        />
        <NumberControl
          label="Seed"
          testId="dseed-input"
          value={p.dseed}
          min={0}
          max={2 ** 31 - 1}
          step={1}
          onChange={(v) => setParam('dseed', v)}
        />
      </fieldset>
      {digits && (
        <fieldset>
          <legend>Class</legend>
          <SelectControl
            label="Digit class"
            testId="dclass-select"
            value={String(p.dclass)}
            options={[
              { value: '-1', label: 'Any (unconditional)' },
              ...Array.from({ length: 10 }, (_, c) => ({ value: String(c), label: String(c) })),
            ]}
            onChange={(v) => setParam('dclass', Number(v))}
          />
          {p.dclass >= 0 && p.dmodel === 'network' && (
            <NumberControl
              label="Guidance W"
              tex={DISCRETE_TEX.guidance}
              testId="dguide-input"
              value={p.dguide}
              min={0}
              max={8}
              step={0.1}
              onChange={(v) => setParam('dguide', v)}
            />
          )}
        </fieldset>
      )}
      <InfillControls data={data} />
    </aside>
  );
});
