import { pageCores } from '../state/drawBudget';
import { useStore } from '../state/store';
import { BACKENDS, MAX_WASM_THREADS } from '../worker/protocol';
import { Tip } from './controls/Tip';
import { LessonsMenu } from './lessons/LessonsMenu';
import { useHidden } from './useHidden';
import { BACKEND_LABELS as LABELS, badgeText, badgeTitle } from './backendBadge';

const CHOICES = ['auto', ...BACKENDS] as const;

export function Header() {
  const backend = useStore((s) => s.backend);
  const jobBackend = useStore((s) => s.jobBackend);
  const requested = useStore((s) => s.params.backend);
  const threads = useStore((s) => s.params.threads);
  const setParam = useStore((s) => s.setParam);
  const runState = useStore((s) => s.runState);
  const runs = useStore((s) => s.runs);
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
      {!hidden('backend') && (
        <label className="backend-picker">
          Threads
          <Tip>
            Threads of the WASM backend. They need a cross-origin-isolated page (the app's server
            sends the headers); auto leaves one core to the page. Changing it restarts the worker.
          </Tip>{' '}
          <select
            aria-label="WASM threads"
            value={threads}
            onChange={(e) => setParam('threads', Number(e.target.value))}
          >
            <option value={0}>auto</option>
            {Array.from({ length: MAX_WASM_THREADS }, (_, i) => (
              <option key={i + 1} value={i + 1}>
                {i + 1}
              </option>
            ))}
          </select>
        </label>
      )}
      <span
        data-testid="backend"
        data-backend={backend?.id ?? ''}
        data-job-backend={jobBackend?.id ?? ''}
        className="backend-badge"
        title={backend ? badgeTitle(backend, jobBackend, pageCores()) : ''}
      >
        {backend ? badgeText(backend, jobBackend) : 'starting…'}
      </span>
      <span
        data-testid="run-status"
        data-state={runState}
        data-runs={runs}
        className={`run-status ${runState}`}
      >
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
