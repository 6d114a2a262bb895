import { MANIFOLD_IDS } from '../../core/manifold/manifolds';
import { MANIFOLD_DATA } from '../../worker/protocol';
import { NumberControl, SelectControl, ToggleControl } from '../controls/fields';
import { SeedInput } from '../controls/RunControls';
import { useParams, useSetParam } from '../useParams';

const SHOWN = [
  'manifold',
  'mdata',
  'mweight',
  'msteps',
  'mpart',
  'msolver',
  'mmodel',
  'mfield',
] as const;

const DATA_LABELS: Record<string, string> = {
  cities: "World's cities (GeoNames)",
  vmf: 'von Mises–Fisher mixture',
  wrapped: 'Wrapped-normal mixture',
  dihedral: 'Dihedral angles (toy)',
};

/** The manifold view's column: manifold, data set, solver and sizes. */
export function ManifoldControls() {
  const p = useParams(SHOWN);
  const setParam = useSetParam();
  const choices = MANIFOLD_DATA[p.manifold];
  const data = (choices as readonly string[]).includes(p.mdata) ? p.mdata : choices[0];
  return (
    <aside className="controls" aria-label="Manifold settings">
      <fieldset>
        <legend>Manifold and data</legend>
        <SelectControl
          label="Manifold"
          testId="manifold-select"
          value={p.manifold}
          options={MANIFOLD_IDS.map((id) => ({
            value: id,
            label: id === 'sphere' ? 'Sphere S²' : 'Torus T²',
          }))}
          onChange={(v) => {
            setParam('manifold', v);
            setParam('mdata', MANIFOLD_DATA[v][0]);
          }}
        />
        <SelectControl
          label="Data"
          testId="mdata-select"
          value={data}
          options={choices.map((id) => ({ value: id, label: DATA_LABELS[id] }))}
          onChange={(v) => setParam('mdata', v)}
        />
        {data === 'cities' && (
          <ToggleControl
            label="Weight cities by population"
            testId="mweight-toggle"
            value={p.mweight}
            onChange={(v) => setParam('mweight', v)}
          />
        )}
        <SelectControl
          label="Model"
          testId="mmodel-select"
          value={p.mmodel}
          options={[
            { value: 'exact', label: 'Exact' },
            { value: 'network', label: 'Trained networks' },
          ]}
          onChange={(v) => setParam('mmodel', v)}
        />
        <p className="muted">
          {p.mmodel === 'exact'
            ? 'The heat-kernel score and closed-form velocity of the 800 conditioning points: they reproduce those points.'
            : 'Networks trained on 20,000 draws (rsgm-*, rfm-*; model cards in public/models). The naive lane keeps its exact ambient denoiser.'}
        </p>
      </fieldset>
      <fieldset>
        <legend>Solver and sizes</legend>
        <SelectControl
          label="ODE steps"
          testId="msolver-select"
          value={p.msolver}
          options={[
            { value: 'heun', label: 'Exp-map Heun' },
            { value: 'euler', label: 'Exp-map Euler' },
          ]}
          onChange={(v) => setParam('msolver', v)}
        />
        <NumberControl
          label="Steps"
          testId="msteps-input"
          value={p.msteps}
          min={10}
          max={300}
          step={1}
          onChange={(v) => setParam('msteps', v)}
        />
        <NumberControl
          label="Particles"
          testId="mpart-input"
          value={p.mpart}
          min={50}
          max={2000}
          step={1}
          log
          onChange={(v) => setParam('mpart', v)}
        />
        <SeedInput />
        <ToggleControl
          label="Score field (forward panel)"
          testId="mfield-toggle"
          value={p.mfield}
          onChange={(v) => setParam('mfield', v)}
        />
      </fieldset>
    </aside>
  );
}
