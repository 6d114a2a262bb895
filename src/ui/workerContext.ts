import { createContext, useContext } from 'react';
import type { WorkerClient } from '../worker/client/client';

export const WorkerContext = createContext<WorkerClient | null>(null);

export function useWorkerClient(): WorkerClient {
  const client = useContext(WorkerContext);
  if (!client) throw new Error('useWorkerClient: no WorkerContext provider');
  return client;
}
