import { LAB_EXCLUDED, MAX_LANES, MIN_LANES, type LaneSpec } from '../../core/lab/lockstep';
import { requireSampler, SAMPLERS } from '../../core/samplers/registry';
import { encodeLanes } from '../../state/labLanes';
import { useStore } from '../../state/store';
import { SelectControl } from '../controls/fields';
import { SamplerParamFields } from '../controls/SamplerParamFields';

const OPTIONS = SAMPLERS.filter((s) => !LAB_EXCLUDED.has(s.id)).map((s) => ({
  value: s.id,
  label: s.name,
}));

/** The lab's 2 to 6 samplers: pick each, set its parameters, add or remove one. */
export function LaneEditor({ lanes }: { lanes: LaneSpec[] }) {
  const setParam = useStore((s) => s.setParam);
  const commit = (next: LaneSpec[]) => setParam('lanes', encodeLanes(next));
  const replace = (k: number, lane: LaneSpec) => commit(lanes.map((l, j) => (j === k ? lane : l)));
  return (
    <fieldset className="lab-lanes">
      <legend>Samplers ({lanes.length} of 2–6)</legend>
      {lanes.map((lane, k) => {
        const def = requireSampler(lane.id);
        const params = { ...def.defaults, ...lane.params };
        return (
          <div className="lab-lane" key={k} data-testid={`lane-editor-${k}`}>
            <SelectControl
              label={`Lane ${k + 1}`}
              testId={`lane-select-${k}`}
              value={lane.id}
              options={OPTIONS}
              help={
                <>
                  {def.reference}. {def.stochastic(params) ? 'Stochastic' : 'Deterministic'},{' '}
                  {def.nfePerStep(params)} model evaluation
                  {def.nfePerStep(params) === 1 ? '' : 's'} per step.
                </>
              }
              onChange={(id) => replace(k, { id, params: {} })}
            />
            <SamplerParamFields
              def={def}
              params={params}
              onChange={(key, value) =>
                replace(k, { id: lane.id, params: { ...params, [key]: value } })
              }
            />
            <button
              type="button"
              className="lab-remove"
              disabled={lanes.length <= MIN_LANES}
              aria-label={`Remove lane ${k + 1}`}
              onClick={() => commit(lanes.filter((_, j) => j !== k))}
            >
              Remove
            </button>
          </div>
        );
      })}
      <button
        type="button"
        data-testid="lane-add"
        disabled={lanes.length >= MAX_LANES}
        onClick={() => commit([...lanes, { id: 'euler', params: {} }])}
      >
        Add a sampler
      </button>
    </fieldset>
  );
}
