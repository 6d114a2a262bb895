import { useEffect, useMemo } from 'react';
import { MANIFOLD_PARAMS, manifoldJobFromParams } from '../../state/manifold';
import { useStore } from '../../state/store';
import type { ManifoldJob } from '../../worker/protocol';
import { useParams } from '../useParams';
import { useWorkerClient } from '../workerContext';
import type { ManifoldFrames } from './manifoldFrames';

/** Starts one manifold run per change of its settings (by value), streaming into `frames`. */
export function useManifoldRun(frames: ManifoldFrames): { job: ManifoldJob; note: string | null } {
  const client = useWorkerClient();
  const ready = useStore((s) => s.backend !== null);
  const params = useParams(MANIFOLD_PARAMS);
  const { job, note } = useMemo(() => manifoldJobFromParams(params), [params]);
  const key = JSON.stringify(job);

  useEffect(() => {
    if (!ready) return;
    const run = JSON.parse(key) as ManifoldJob;
    const { setRun } = useStore.getState();
    frames.reset();
    setRun('running');
    client.run(run, {
      onFrame: (_step, _total, frame) => frames.push(frame),
      onDone: () => setRun('done'),
      onError: (message) => setRun('error', { error: message }),
    });
  }, [client, ready, key, frames]);

  return { job, note };
}
