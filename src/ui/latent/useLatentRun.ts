import { useEffect, useMemo, useState } from 'react';
import { LATENT_PARAMS, latentJobFromParams } from '../../state/latent';
import { useStore } from '../../state/store';
import type { LatentJob } from '../../worker/protocol';
import { useParams } from '../useParams';
import { useWorkerClient } from '../workerContext';
import type { LatentData, LatentFrames, LatentMap } from './latentFrames';

/**
 * Starts one latent run per change of its settings (by value), streaming its steps into `frames`;
 * the encoded set and the decoded map come back as state (once per run).
 */
export function useLatentRun(frames: LatentFrames): {
  job: LatentJob;
  data: LatentData | null;
  map: LatentMap | null;
} {
  const client = useWorkerClient();
  const ready = useStore((s) => s.backend !== null);
  const params = useParams(LATENT_PARAMS);
  const job = useMemo(() => latentJobFromParams(params), [params]);
  const key = JSON.stringify(job);
  // Kept with what they belong to: the set's data outlive a run, a map belongs to its run.
  const [data, setData] = useState<{ set: string; frame: LatentData } | null>(null);
  const [map, setMap] = useState<{ key: string; frame: LatentMap } | null>(null);

  useEffect(() => {
    if (!ready) return;
    const run = JSON.parse(key) as LatentJob;
    const { setRun, setPlayback } = useStore.getState();
    frames.reset(run.steps, run.particles, key);
    setRun('running');
    setPlayback({ step: 0, playing: true });
    client.run(run, {
      onFrame: (step, total, frame, info) => {
        if (frame.kind === 'data') setData({ set: run.set, frame });
        else if (frame.kind === 'map') setMap({ key, frame });
        else if (info) {
          frames.steps.total = total;
          frames.images.total = total;
          frames.push(step, info, frame);
        }
      },
      onDone: () => setRun('done'),
      onError: (message) => setRun('error', { error: message }),
    });
  }, [client, ready, key, frames]);

  return {
    job,
    data: data?.set === job.set ? data.frame : null,
    map: map?.key === key ? map.frame : null,
  };
}
