import { useEffect, useState } from 'react';
import { useStore } from '../state/store';
import { WorkerClient } from '../worker/client';
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
    },
    60_000,
    new URL('models/', document.baseURI).href,
  );
}

/** One worker client for the app's lifetime; its worker restarts when the backend changes. */
export function useWorker(): WorkerClient {
  const backend = useStore((s) => s.params.backend) as BackendRequest;
  const [client] = useState(createClient);

  useEffect(() => {
    const { setBackend, setRun } = useStore.getState();
    setBackend(null);
    setRun('loading', { progress: { phase: 'check', message: 'starting the worker' } });
    client.start(backend);
    return () => client.dispose();
  }, [client, backend]);

  return client;
}
