import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../state/store';
import { decodeImageFrame, type ImageFrame, type ImageJob } from '../../worker/protocol/image';
import type { FrameInfo } from '../../worker/protocol';
import { useWorkerClient } from '../workerContext';

export interface ImageRunHandlers {
  /** Called when a run starts (clear what the previous run drew). */
  onStart?(): void;
  onFrame?(
    step: number,
    total: number,
    frame: ImageFrame,
    info: FrameInfo | undefined,
    data: Float32Array,
  ): void;
  onDone?(result: Float32Array): void;
}

export type ImageRunState = 'waiting' | 'running' | 'done' | 'error';

/**
 * Starts one worker run per distinct job (compared by value, so an equal re-render starts
 * nothing) once the worker is ready; `null` runs nothing. Drives the header's run status and
 * returns this run's own state and error message.
 */
export function useImageRun(
  job: ImageJob | null,
  handlers: ImageRunHandlers,
): { state: ImageRunState; error: string | null } {
  const client = useWorkerClient();
  const ready = useStore((s) => s.backend !== null);
  const key = job ? JSON.stringify(job) : '';
  const latest = useRef(handlers);
  const [ended, setEnded] = useState<{
    key: string;
    state: 'done' | 'error';
    error: string | null;
  } | null>(null);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    if (!ready || !key) return;
    const parsed = JSON.parse(key) as ImageJob;
    const { setRun } = useStore.getState();
    setRun('running');
    latest.current.onStart?.();
    client.run(parsed, {
      onFrame: (step, total, data, info) =>
        latest.current.onFrame?.(step, total, decodeImageFrame(data), info, data),
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
