import { useEffect, useMemo } from 'react';
import { model2d, SCENE_PARAMS, sceneFromParams } from '../../state/scene';
import { useStore } from '../../state/store';
import type { FrameBuffer } from '../../state/frames';
import type { SceneJob } from '../../worker/protocol';
import { useParams } from '../useParams';
import { useWorkerClient } from '../workerContext';
import { FIELD_SIZE } from './frameBuffers';
import { useCustomRunData } from './useDatasetPoints';

/** The fields a scene run is made of (its selector). */
const RUN_PARAMS = [...SCENE_PARAMS, 'model'] as const;

/**
 * Starts one worker run per change of the scene settings (by value, so a re-render with
 * equal settings starts nothing) and streams its frames into `frames`.
 */
export function useSceneRun(frames: FrameBuffer, second?: FrameBuffer): void {
  const client = useWorkerClient();
  const ready = useStore((s) => s.backend !== null);
  const params = useParams(RUN_PARAMS);
  const custom = useCustomRunData(params.dataset);
  const key = useMemo(() => {
    const { settings } = sceneFromParams(params, 1);
    const other = second ? sceneFromParams(params, 2).settings : null;
    const lockstep = other && { sampler: other.sampler, samplerParams: other.samplerParams };
    // A drawn set has only its exact (empirical) model; `version` stands for its points.
    const model = custom.data === undefined ? model2d(params) : 'exact';
    return JSON.stringify({ settings, model, second: lockstep, custom: custom.version });
  }, [params, second, custom.data, custom.version]);
  const data = custom.data;

  useEffect(() => {
    if (!ready) return;
    const job = JSON.parse(key) as Pick<SceneJob, 'settings' | 'model'> & {
      second: SceneJob['second'] | null;
    };
    const { settings, model } = job;
    const { setRun, setPlayback } = useStore.getState();
    frames.reset(settings.steps, settings.particles, key);
    second?.reset(settings.steps, settings.particles, key);
    // A new run plays from its first frame, even if the last one was paused or had ended.
    setPlayback({ step: 0, playing: true });
    if (data === null) {
      client.cancel();
      setRun('idle');
      return;
    }
    const lanes = [frames, second];
    setRun('running');
    const runId = client.run(
      {
        kind: 'scene',
        settings,
        model,
        fieldSize: FIELD_SIZE,
        ...(job.second ? { second: job.second } : {}),
        ...(data ? { data } : {}),
      },
      {
        onFrame: (step, _total, data, info) =>
          info && lanes[info.lane]?.push({ step, data, info, key }),
        onDone: () => setRun('done'),
        onError: (message) => setRun('error', { error: message }),
      },
    );
    // The lanes share their σ at every step, so one field serves both plots.
    const askField = (step: number) => client.field(runId, step);
    for (const lane of lanes) lane?.askFieldsOf(askField);
  }, [client, ready, key, frames, second, data]);
}

/** Reports bad sampler parameters in the URL once per distinct text. */
export function useSceneProblems(): void {
  const params = useParams(SCENE_PARAMS);
  const problems = useMemo(
    () =>
      [...sceneFromParams(params, 1).problems, ...sceneFromParams(params, 2).problems].join('\n'),
    [params],
  );
  useEffect(() => {
    if (problems) for (const p of problems.split('\n')) useStore.getState().notify(p);
  }, [problems]);
}
