import { useEffect, useMemo } from 'react';
import { useStore } from '../../state/store';
import type { MeshJob } from '../../worker/protocol';
import { useParams } from '../useParams';
import { useWorkerClient } from '../workerContext';
import type { MeshFrames } from './meshFrames';
import { MESH_PARAMS, meshJobFromParams } from './meshJob';

/**
 * Starts one mesh run per change of what the mesh depends on (by value) and streams its frames
 * into `frames`. Returns the job and the stochastic sampler it replaced, if any; a model the
 * mesh does not run (the distilled students) is reported once per change as a notice.
 */
export function useMeshRun(frames: MeshFrames): { job: MeshJob; replaced: string | null } {
  const client = useWorkerClient();
  const ready = useStore((s) => s.backend !== null);
  const params = useParams(MESH_PARAMS);
  const { job, replaced, modelNotice } = useMemo(() => meshJobFromParams(params), [params]);
  const key = JSON.stringify(job);

  useEffect(() => {
    if (modelNotice) useStore.getState().notify(modelNotice);
  }, [modelNotice]);

  useEffect(() => {
    if (!ready) return;
    const run = JSON.parse(key) as MeshJob;
    const { setRun } = useStore.getState();
    frames.reset(run.lines);
    setRun('running');
    client.run(run, {
      onFrame: (_step, _total, frame) => frames.push(frame),
      onDone: () => setRun('done'),
      onError: (message) => setRun('error', { error: message }),
    });
  }, [client, ready, key, frames]);

  return { job, replaced };
}
