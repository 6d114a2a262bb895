import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../state/store';
import type { FrameInfo, ImageFrame, ImageJob, ResultOf } from '../../worker/protocol';
import { useWorkerClient } from '../workerContext';

export interface ImageRunHandlers<J extends ImageJob> {
  /** Called when a run starts (clear what the previous run drew). */
  onStart?(): void;
  onFrame?(step: number, total: number, frame: ImageFrame, info: FrameInfo | undefined): void;
  onDone?(result: ResultOf<J['kind']>): void;
}

export type ImageRunState = 'waiting' | 'running' | 'done' | 'error';

/**
 * Starts one worker run per distinct job (compared by value, so an equal re-render starts
 * nothing) once the worker is ready; `null` runs nothing. Drives the header's run status and
 * returns this run's own state and error message.
 */
export function useImageRun<J extends ImageJob>(
  job: J | null,
  handlers: ImageRunHandlers<J>,
): { state: ImageRunState; error: string | null } {
  const client = useWorkerClient();
  const ready = useStore((s) => s.backend !== null);
  const key = job ? JSON.stringify(job) : '';
  const latest = useRef(handlers);
  const latestJob = useRef(job);
  const [ended, setEnded] = useState<{
    key: string;
    state: 'done' | 'error';
    error: string | null;
  } | null>(null);
  useEffect(() => {
    latest.current = handlers;
    latestJob.current = job;
  });

  useEffect(() => {
    // The job as of this render: `key` changes exactly when its value does.
    const current = latestJob.current;
    if (!ready || !current) return;
    const { setRun } = useStore.getState();
    setRun('running');
    latest.current.onStart?.();
    client.run(current, {
      onFrame: (step, total, frame, info) => latest.current.onFrame?.(step, total, frame, info),
      onDone: (result) => {
        setRun('done');
        setEnded({ key, state: 'done', error: null });
        latest.current.onDone?.(result);
      },
      onError: (message) => {
        setRun('error', { error: message });
        setEnded({ key, state: 'error', error: message });
      },
    });
  }, [client, ready, key]);

  if (!key || !ready) return { state: 'waiting', error: null };
  if (ended?.key !== key) return { state: 'running', error: null };
  return { state: ended.state, error: ended.error };
}
