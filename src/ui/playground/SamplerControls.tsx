import { decodeSamplerParams } from '../../core/samplers/params';
import { SAMPLERS, requireSampler } from '../../core/samplers/registry';
import {
  clearedSamplerParams,
  samplerParamField,
  samplerParamText,
  samplerParamUpdate,
} from '../../state/samplerFields';
import type { SamplerDef } from '../../core/samplers/types';
import { useStore } from '../../state/store';
import { SelectControl } from '../controls/fields';
import { SamplerParamFields } from '../controls/SamplerParamFields';
import { TEX } from '../help';
import { useHidden } from '../useHidden';

/**
 * The sampler picker and its own parameters; `which` = 2 edits the comparison sampler;
 * `samplers` narrows the menu (default: every registered sampler).
 */
export function SamplerControls({
  which = 1,
  samplers = SAMPLERS,
}: {
  which?: 1 | 2;
  samplers?: readonly SamplerDef[];
}) {
  const idKey = which === 1 ? 'sampler' : 'sampler2';
  const id = useStore((s) => s.params[idKey]);
  const text = useStore((s) => samplerParamText(s.params, which));
  const setParams = useStore((s) => s.setParams);
  const hidden = useHidden();
  const def = requireSampler(id);
  const { params } = decodeSamplerParams(def, text);
  const set = (key: string, value: number | string | boolean) =>
    setParams(samplerParamUpdate(def, which, key, value));
  const paramsHidden = hidden(which === 1 ? 'params' : 'params2');
  if (hidden(idKey) && paramsHidden) return null;

  return (
    <fieldset className="sampler-controls">
      <legend>{which === 1 ? 'Sampler' : 'Second sampler'}</legend>
      {!hidden(idKey) && (
        <SelectControl
          label="Algorithm"
          tex={TEX.sampler}
          testId={`sampler${which === 1 ? '' : '2'}-select`}
          value={id}
          options={samplers.map((s) => ({ value: s.id, label: s.name }))}
          help={
            <>
              {def.reference}. {def.stochastic(params) ? 'Stochastic' : 'Deterministic'},{' '}
              {def.nfePerStep(params)} model evaluation{def.nfePerStep(params) === 1 ? '' : 's'} per
              step.
            </>
          }
          onChange={(v) => setParams({ ...clearedSamplerParams(which), [idKey]: v })}
        />
      )}
      {!paramsHidden && (
        <SamplerParamFields
          def={def}
          params={params}
          onChange={set}
          shown={(key) => which === 2 || !hidden(key)}
          testId={(key) => `param-${samplerParamField(key, which)}`}
        />
      )}
    </fieldset>
  );
}
