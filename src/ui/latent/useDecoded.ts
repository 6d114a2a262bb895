import { useEffect, useRef, useState } from 'react';
import type { LatentDecoded, LatentSetId } from '../../worker/protocol';
import { useWorkerClient } from '../workerContext';

/**
 * The decoded image of one latent, asked of the worker beside its run queue. While a request is
 * in flight only the newest latent is remembered, so a drag asks for what the pointer shows now.
 */
export function useDecoded(set: LatentSetId, z: readonly number[] | null): LatentDecoded | null {
  const client = useWorkerClient();
  const [decoded, setDecoded] = useState<LatentDecoded | null>(null);
  const state = useRef<{ busy: boolean; next: { set: LatentSetId; z: number[] } | null }>({
    busy: false,
    next: null,
  });
  const key = z ? `${set}:${z.join(',')}` : '';

  useEffect(() => {
    if (!key) return;
    const [s, list] = key.split(':');
    state.current.next = { set: s as LatentSetId, z: list.split(',').map(Number) };
    const pump = () => {
      const ask = state.current.next;
      if (state.current.busy || !ask) return;
      state.current.next = null;
      state.current.busy = true;
      client
        .latentDecode({ set: ask.set, z: Float32Array.from(ask.z) })
        .then(setDecoded, () => setDecoded(null))
        .finally(() => {
          state.current.busy = false;
          pump();
        });
    };
    pump();
  }, [client, key]);

  return key ? decoded : null;
}
