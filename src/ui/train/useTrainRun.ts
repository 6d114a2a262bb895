import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { useCustomData } from '../../state/customData';
import { useStore } from '../../state/store';
import {
  snapshotFromParams,
  TRAIN_PARAMS,
  trainConfigFromParams,
  distillFromParams,
  hybridFromParams,
  trainJobFromParams,
} from '../../state/train';
import { setTrainedModel, trainedModel } from '../../state/trainedModel';
import { trainSession } from '../../state/trainSession';
import type { TrainAction, TrainedFiles } from '../../worker/protocol';
import { useParam, useParams } from '../useParams';
import { useWorkerClient } from '../workerContext';

/** Re-renders on every change of the train session (for small readouts: many per second). */
export function useTrainSession() {
  useSyncExternalStore(trainSession.subscribe, trainSession.getVersion);
  return trainSession;
}

/** Re-renders only when the session's latest snapshot changes. */
export function useLatestSnapshot() {
  return useSyncExternalStore(trainSession.subscribe, () => trainSession.snapshot);
}

/**
 * The train view's commands: start a run (from the settings, or from uploaded files), control
 * it, and keep its snapshot contents in step with the view's settings. A run pauses when the
 * view closes, so other views get the worker to themselves; `tauto` starts one on load.
 */
export function useTrainRun() {
  const client = useWorkerClient();
  const ready = useStore((s) => s.backend !== null);
  const params = useParams(TRAIN_PARAMS);
  const auto = useParam('tauto');
  const settingsKey = useMemo(
    () =>
      JSON.stringify([
        params.dataset,
        params.tstart,
        trainConfigFromParams(params),
        distillFromParams(params),
        hybridFromParams(params),
      ]),
    [params],
  );

  const start = useCallback(
    (from?: { start: 'upload'; upload: TrainedFiles }) => {
      const p = useStore.getState().params;
      let job;
      try {
        const { points, source } = useCustomData.getState();
        const custom = points.length > 0 ? { name: source || 'custom', points } : null;
        job = trainJobFromParams(p, custom, from);
      } catch (e) {
        useStore.getState().notify((e as Error).message);
        return;
      }
      trainSession.begin(from ? 'upload' : settingsKey);
      const data = 'dataset' in job.data ? job.data.dataset : job.data.name;
      trainSession.handle = client.train(job, {
        onMessage: (msg) => {
          trainSession.receive(msg);
          if (msg.type === 'trainSaved' && trainSession.saved)
            setTrainedModel(trainSession.saved.files, `${data}, step ${msg.step}`);
        },
        onError: (message) => trainSession.fail(message),
      });
    },
    [client, settingsKey],
  );

  const control = useCallback((action: TrainAction) => trainSession.handle?.control(action), []);

  const viewKey = JSON.stringify([snapshotFromParams(params), params.tevery]);
  useEffect(() => {
    const [snapshot, snapshotEvery] = JSON.parse(viewKey) as [
      ReturnType<typeof snapshotFromParams>,
      number,
    ];
    trainSession.handle?.control({ action: 'view', snapshot, snapshotEvery });
  }, [viewKey]);

  const autoStarted = useRef(false);
  useEffect(() => {
    if (!ready || !auto || autoStarted.current) return;
    autoStarted.current = true;
    if (trainSession.state === 'idle' || trainSession.state === 'error') start();
  }, [ready, auto, start]);

  useEffect(() => () => trainSession.handle?.control({ action: 'pause' }), []);

  // The worker holds the network behind model 'trained' for the other views' jobs.
  useEffect(
    () => trainedModel.subscribe(() => client.setTrainedModel(trainedModel.current?.ref ?? null)),
    [client],
  );

  return { start, control, settingsKey, ready };
}
