/**
 * The worker's side of training: runs live beside the scene run queue (a training loop never
 * waits for scene runs, nor they for it; both yield between chunks and steps), each with its
 * own control object; 'cancel' with a training run's id ends it.
 */
import type { FromWorker } from '../protocol';
import type { TrainControlMessage, TrainedFiles, TrainJob } from '../protocol/train';
import { runTrain } from './jobs/train';
import { TrainControl, type TrainContext } from './jobs/trainLoop';
import { describeTrainedFiles } from './jobs/trainedModels';
import { runVdmTrain } from './jobs/trainVdm';

type Post = (msg: FromWorker, transfer?: Transferable[]) => void;

const runs = new Map<number, { control: TrainControl; stopped: boolean }>();

/** Starts a training run once the backend is ready; any earlier training run stops. */
export function startTraining(
  runId: number,
  job: TrainJob,
  env: { ready: Promise<void>; modelsUrl: string; post: Post },
): void {
  for (const id of runs.keys()) stopTraining(id);
  const run = { control: new TrainControl(job.paused ?? false), stopped: false };
  runs.set(runId, run);
  const { post } = env;
  const ctx: TrainContext = {
    runId,
    modelsUrl: env.modelsUrl,
    control: run.control,
    isCancelled: () => run.stopped,
    emit: () => {},
    // The app's progress line belongs to scene runs; a run says it started by its first snapshot.
    progress: () => {},
    send: (msg, transfer = []) => post(msg, transfer),
  };
  env.ready
    .then(() => (job.vdm ? runVdmTrain(job, job.vdm, ctx) : runTrain(job, ctx)))
    .then(() => post({ type: 'cancelled', runId }))
    .catch((e: Error) => post({ type: 'error', runId, message: e.message }))
    .finally(() => runs.delete(runId));
}

export function controlTraining(msg: TrainControlMessage): void {
  runs.get(msg.runId)?.control.apply(msg);
}

/** Ends a training run at its next chunk boundary (a paused one within 200 ms). */
export function stopTraining(runId: number): void {
  const run = runs.get(runId);
  if (run) run.stopped = true;
}

export function checkTrainedFiles(requestId: number, files: TrainedFiles, post: Post): void {
  describeTrainedFiles(files)
    .then((summary) => post({ type: 'trainChecked', requestId, summary }))
    .catch((e: Error) => post({ type: 'trainChecked', requestId, error: e.message }));
}
