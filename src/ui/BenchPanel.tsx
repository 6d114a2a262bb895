import { useState } from 'react';
import { useStore } from '../state/store';
import type { BenchJob } from '../worker/protocol';
import { useWorkerClient } from './workerContext';

const benchMode = () => new URLSearchParams(window.location.search).has('bench');

/**
 * The hook `npm run bench` drives (scripts/bench.mjs), shown only with `?bench` in the URL:
 * runs a BenchJob given as JSON in the worker and exposes its rows as JSON in data-results.
 */
export function BenchPanel() {
  const client = useWorkerClient();
  const ready = useStore((s) => s.backend !== null);
  const [job, setJob] = useState('');
  const [out, setOut] = useState({ state: 'idle', results: '' });
  if (!benchMode()) return null;

  const run = () => {
    setOut({ state: 'running', results: '' });
    client.run(JSON.parse(job) as BenchJob, {
      onDone: (rows) => setOut({ state: 'done', results: JSON.stringify(rows) }),
      onError: (message) => setOut({ state: 'error', results: message }),
    });
  };

  return (
    <section className="bench-panel" aria-label="Benchmark">
      <textarea
        aria-label="Bench job"
        data-testid="bench-job"
        value={job}
        onChange={(e) => setJob(e.target.value)}
      />
      <button type="button" data-testid="bench-run" disabled={!ready} onClick={run}>
        Run bench job
      </button>
      <output data-testid="bench-results" data-state={out.state} data-results={out.results}>
        {out.state}
      </output>
    </section>
  );
}
