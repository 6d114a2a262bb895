import { VIEWS } from '../state/fields';
import { useStore } from '../state/store';
import { useHidden } from './useHidden';

const LABELS: Record<string, string> = {
  reverse: 'Reverse sampling',
  forward: 'Forward noising',
  compare: 'ODE vs SDE',
  schedules: 'Schedules',
  lab: 'Sampler lab',
  images: 'Images',
  train: 'Train',
  mesh: 'Flow mesh',
  discrete: 'Discrete',
  manifold: 'Manifolds',
  latent: 'Latent',
  course: 'Course',
};

export function ViewTabs() {
  const view = useStore((s) => s.params.view);
  const setParam = useStore((s) => s.setParam);
  const hidden = useHidden();
  if (hidden('tabs')) return null;
  return (
    <nav className="view-tabs" role="tablist" aria-label="Views">
      {VIEWS.map((v) => (
        <button
          key={v}
          type="button"
          role="tab"
          aria-selected={view === v}
          data-testid={`tab-${v}`}
          onClick={() => setParam('view', v)}
        >
          {LABELS[v]}
        </button>
      ))}
    </nav>
  );
}
