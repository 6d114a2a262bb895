import type { ReactNode } from 'react';
import { DATASETS } from '../../core/data';
import { MODELS_2D } from '../../state/fields';
import { model2d } from '../../state/scene';
import { useStore } from '../../state/store';
import { FLOW_TEX } from '../flowHelp';
import { TEX } from '../help';
import { useHidden } from '../useHidden';
import { useParams, useSetParam } from '../useParams';
import { SelectControl } from './fields';

export const MODEL_LABELS: Record<string, string> = {
  exact: 'exact (analytic)',
  mlp: 'trained MLP (diffusion)',
  fm: 'trained MLP (flow matching)',
  reflow: 'flow matching after one reflow',
  distill: 'distilled MLP (1, 2, 4 steps)',
  consistency: 'consistency MLP (1, 2, 4 steps)',
  trained: 'trained in this page (Train view)',
};

/** The 2D data set; `custom` labels the drawn / uploaded option where the view offers one. */
export function DatasetSelect({
  label = 'Data set',
  testId = 'dataset-select',
  custom,
}: {
  label?: string;
  testId?: string;
  custom?: string;
}) {
  const dataset = useStore((s) => s.params.dataset);
  const setParam = useStore((s) => s.setParam);
  const hidden = useHidden();
  if (hidden('dataset')) return null;
  const options = DATASETS.map((d) => ({ value: d.id, label: d.title }));
  return (
    <SelectControl
      label={label}
      tex={TEX.dataset}
      testId={testId}
      value={dataset}
      options={custom ? [...options, { value: 'custom', label: custom }] : options}
      onChange={(v) => setParam('dataset', v)}
    />
  );
}

const MODEL_SELECT_PARAMS = ['dataset', 'model'] as const;

/**
 * The 2D model: exact, a shipped network, or the one trained in the page; a drawn set has only
 * exact. `help` adds a view's own note.
 */
export function ModelSelect({ label = 'Model', help }: { label?: string; help?: ReactNode }) {
  const p = useParams(MODEL_SELECT_PARAMS);
  const setParam = useSetParam();
  const hidden = useHidden();
  if (hidden('model')) return null;
  const custom = p.dataset === 'custom';
  return (
    <SelectControl
      label={label}
      tex={p.model === 'fm' ? FLOW_TEX.fm : TEX.model}
      testId="model-select"
      value={custom ? 'exact' : model2d(p)}
      options={MODELS_2D.map((m) => ({ value: m, label: MODEL_LABELS[m] }))}
      disabled={custom}
      help={custom ? 'A drawn set has only its exact (empirical) denoiser.' : help}
      onChange={(v) => setParam('model', v)}
    />
  );
}
