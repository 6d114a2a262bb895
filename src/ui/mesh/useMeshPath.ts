import { useCallback, useEffect, useRef, useState } from 'react';
import type { MeshJob, MeshPaths } from '../../worker/protocol';
import { useWorkerClient } from '../workerContext';

export interface Probe {
  point: [number, number];
  /** Time fraction (0 = t_min, 1 = t_max) at which the point was placed. */
  fraction: number;
}

export type PathState = 'idle' | 'waiting' | 'done' | 'error';

/**
 * The dragged point's ODE paths, computed in the worker. Requests are throttled to one in
 * flight: while one runs only the latest new position is kept, and it is sent when the
 * answer comes (a drag updates as fast as the worker answers, with no backlog). While `busy`
 * (the mesh or a sweep runs, which a new run would supersede) the latest request waits. New
 * settings make the paths stale: the point stays and its paths are recomputed.
 */
export function useMeshPath(job: MeshJob, busy: boolean) {
  const client = useWorkerClient();
  const [probe, setProbe] = useState<Probe | null>(null);
  const [result, setResult] = useState<{ probe: Probe; paths: MeshPaths } | null>(null);
  const [state, setState] = useState<PathState>('idle');
  const [error, setError] = useState<string | null>(null);
  /** Bumped when a request finishes, so the effect below can send the next one. */
  const [answered, setAnswered] = useState(0);
  const inFlight = useRef(false);
  const pending = useRef<Probe | null>(null);
  const jobKey = JSON.stringify([job.settings, job.model, job.flowShift]);
  const [pathsKey, setPathsKey] = useState(jobKey);
  if (pathsKey !== jobKey) {
    setPathsKey(jobKey);
    setResult(null);
    setError(null);
  }

  useEffect(() => {
    if (busy || inFlight.current) return;
    const next = pending.current ?? (probe && result === null && error === null ? probe : null);
    if (!next) return;
    pending.current = null;
    inFlight.current = true;
    const { settings, model, flowShift } = job;
    const finish = () => {
      inFlight.current = false;
      setAnswered((n) => n + 1);
    };
    client.run(
      { kind: 'meshPath', settings, model, flowShift, point: next.point, fraction: next.fraction },
      {
        onDone: (paths) => {
          setResult({ probe: next, paths });
          setState('done');
          setError(null);
          finish();
        },
        onError: (message) => {
          setState('error');
          setError(message);
          finish();
        },
        onCancelled: () => {
          pending.current ??= next;
          finish();
        },
      },
    );
  }, [busy, client, job, probe, result, error, answered]);

  const request = useCallback((p: Probe) => {
    pending.current = p;
    setProbe(p);
    setState('waiting');
  }, []);

  const clear = useCallback(() => {
    pending.current = null;
    setProbe(null);
    setResult(null);
    setState('idle');
  }, []);

  return { probe, result, state, error, request, clear };
}
