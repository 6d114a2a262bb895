import { decodeSamplerParams, encodeSamplerParams } from '../../core/samplers/params';
import { SAMPLERS, requireSampler } from '../../core/samplers/registry';
import { useStore } from '../../state/store';
import { SelectControl } from '../controls/fields';
import { SamplerParamFields } from '../controls/SamplerParamFields';

/** The sampler picker and its own parameters; `which` = 2 edits the comparison sampler. */
export function SamplerControls({ which = 1 }: { which?: 1 | 2 }) {
  const idKey = which === 1 ? 'sampler' : 'sampler2';
  const spKey = which === 1 ? 'sp' : 'sp2';
  const id = useStore((s) => String(s.params[idKey]));
  const text = useStore((s) => String(s.params[spKey]));
  const setParam = useStore((s) => s.setParam);
  const def = requireSampler(id);
  const { params } = decodeSamplerParams(def, text);
  const set = (key: string, value: number | string | boolean) =>
    setParam(spKey, encodeSamplerParams(def, { ...params, [key]: value }));

  return (
    <fieldset className="sampler-controls">
      <legend>{which === 1 ? 'Sampler' : 'Second sampler'}</legend>
      <SelectControl
        label="Algorithm"
        testId={`sampler${which === 1 ? '' : '2'}-select`}
        value={id}
        options={SAMPLERS.map((s) => ({ value: s.id, label: s.name }))}
        help={
          <>
            {def.reference}. {def.stochastic(params) ? 'Stochastic' : 'Deterministic'},{' '}
            {def.nfePerStep(params)} model evaluation{def.nfePerStep(params) === 1 ? '' : 's'} per
            step.
          </>
        }
        onChange={(v) => {
          setParam(idKey, v);
          setParam(spKey, '');
        }}
      />
      <SamplerParamFields def={def} params={params} onChange={set} />
    </fieldset>
  );
}
