import { useEffect, useState } from 'react';
import { useStore } from '../state/store';
import { WorkerClient } from '../worker/client/client';
import { PROBE_CACHE_PREFIX, type BackendRequest } from '../worker/protocol';

/** The kept backend-probe records: the worker has no localStorage, so init carries them. */
function keptProbes(): Record<string, string> {
  const out: Record<string, string> = {};
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      const value = key?.startsWith(PROBE_CACHE_PREFIX) ? localStorage.getItem(key) : null;
      if (key && value !== null) out[key] = value;
    }
  } catch {
    // Storage denied: the worker probes afresh.
  }
  return out;
}

function keepProbe(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage full or denied: the choice still holds until the worker restarts.
  }
}

function createClient(): WorkerClient {
  const { setBackend, setJobBackend, setRun, notify } = useStore.getState();
  return new WorkerClient(
    {
      onProgress: (phase, message) => setRun('loading', { progress: { phase, message } }),
      onReady: (info) => {
        setBackend(info);
        setRun('idle');
      },
      onBackend: setBackend,
      onJobBackend: setJobBackend,
      probeCache: keptProbes,
      onProbeRecord: keepProbe,
      onRestart: (reason) => {
        setBackend(null);
        setJobBackend(null);
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
    const { setBackend, setJobBackend, setRun } = useStore.getState();
    setBackend(null);
    setJobBackend(null);
    setRun('loading', { progress: { phase: 'check', message: 'starting the worker' } });
    client.start(backend, threads);
    return () => client.dispose();
  }, [client, backend, threads]);

  return client;
}
