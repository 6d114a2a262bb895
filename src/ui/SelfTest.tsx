import { useState } from 'react';
import { useStore } from '../state/store';
import { useWorkerClient } from './workerContext';

/** Runs the fixed self-test computation in the worker and shows its values (for users and e2e). */
export function SelfTest() {
  const client = useWorkerClient();
  const ready = useStore((s) => s.backend !== null);
  const setRun = useStore((s) => s.setRun);
  const [result, setResult] = useState<{ values: number[]; ms: number } | null>(null);

  const run = () => {
    setRun('running');
    client.run(
      { kind: 'selftest' },
      {
        onDone: (r, ms) => {
          setResult({ values: Array.from(r), ms });
          setRun('done');
        },
        onError: (message) => setRun('error', { error: message }),
      },
    );
  };

  return (
    <section className="selftest">
      <button type="button" onClick={run} disabled={!ready} data-testid="selftest-run">
        Run backend self-test
      </button>
      {result && (
        <output data-testid="selftest-result" data-values={JSON.stringify(result.values)}>
          tanh(XW + b) = [{result.values.map((v) => v.toFixed(4)).join(', ')}] in{' '}
          {result.ms.toFixed(1)} ms
        </output>
      )}
    </section>
  );
}
