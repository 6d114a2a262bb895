import { useStore } from '../state/store';
import { BACKENDS } from '../worker/protocol';
import { Tip } from './controls/Tip';
import { LessonsMenu } from './lessons/LessonsMenu';
import { useHidden } from './useHidden';

const CHOICES = ['auto', ...BACKENDS] as const;

const LABELS: Record<string, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

export function Header() {
  const backend = useStore((s) => s.backend);
  const requested = useStore((s) => s.params.backend);
  const setParam = useStore((s) => s.setParam);
  const runState = useStore((s) => s.runState);
  const progress = useStore((s) => s.progress);
  const hidden = useHidden();

  return (
    <header className="app-header">
      <h1>Diffusion Playground</h1>
      <LessonsMenu />
      {!hidden('backend') && (
        <label className="backend-picker">
          Backend
          <Tip>
            Where tfjs runs the trained networks. The exact (analytic) model always runs in float64
            JavaScript in the worker, whatever the backend.
          </Tip>{' '}
          <select
            aria-label="Compute backend"
            value={requested}
            onChange={(e) => {
              const chosen = CHOICES.find((b) => b === e.target.value);
              if (chosen) setParam('backend', chosen);
            }}
          >
            <option value="auto">auto</option>
            {BACKENDS.map((b) => (
              <option key={b} value={b}>
                {LABELS[b]}
              </option>
            ))}
          </select>
        </label>
      )}
      <span
        data-testid="backend"
        data-backend={backend?.id ?? ''}
        className="backend-badge"
        title={backend?.notice ?? ''}
      >
        {backend ? `${LABELS[backend.id]} · ${backend.adapter}` : 'starting…'}
      </span>
      <span data-testid="run-status" data-state={runState} className={`run-status ${runState}`}>
        {runState === 'loading' && progress ? progress.message : runState}
      </span>
      {backend?.notice && (
        <p className="fallback-notice" data-testid="fallback-notice" role="status">
          {backend.notice}
        </p>
      )}
    </header>
  );
}
