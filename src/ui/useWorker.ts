import { useEffect, useState } from 'react';
import { useStore } from '../state/store';
import { WorkerClient } from '../worker/client/client';
import type { BackendRequest } from '../worker/protocol';

function createClient(): WorkerClient {
  const { setBackend, setRun, notify } = useStore.getState();
  return new WorkerClient(
    {
      onProgress: (phase, message) => setRun('loading', { progress: { phase, message } }),
      onReady: (info) => {
        setBackend(info);
        setRun('idle');
      },
      onRestart: (reason) => {
        setBackend(null);
        notify(`Model worker restarted: ${reason}.`);
      },
      onError: (message) => setRun('error', { error: message }),
      onNotice: notify,
    },
    60_000,
    new URL('models/', document.baseURI).href,
  );
}

/**
 * With `?debug` in the URL (never set by the app), `window.__playgroundDebug(request)` sends a
 * worker debug hook (docs/ARCHITECTURE.md, "Debug hooks"); otherwise nothing is exposed.
 */
function exposeDebugHooks(client: WorkerClient): (() => void) | undefined {
  if (!new URLSearchParams(window.location.search).has('debug')) return undefined;
  const w = window as Window & { __playgroundDebug?: WorkerClient['debug'] };
  w.__playgroundDebug = (request) => client.debug(request);
  return () => delete w.__playgroundDebug;
}

/** One worker client for the app's lifetime; its worker restarts when the backend or thread count changes. */
export function useWorker(): WorkerClient {
  const backend: BackendRequest = useStore((s) => s.params.backend);
  const threads = useStore((s) => s.params.threads);
  const [client] = useState(createClient);

  useEffect(() => exposeDebugHooks(client), [client]);

  useEffect(() => {
    const { setBackend, setRun } = useStore.getState();
    setBackend(null);
    setRun('loading', { progress: { phase: 'check', message: 'starting the worker' } });
    client.start(backend, threads);
    return () => client.dispose();
  }, [client, backend, threads]);

  return client;
}
