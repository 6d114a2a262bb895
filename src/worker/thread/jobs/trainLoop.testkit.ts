import type { TrainFromWorker, TrainJob } from '../../protocol/train';
import { TrainControl, type TrainContext } from './trainLoop';

/** A small gaussians8 run from scratch, with every snapshot part at a few points. */
export function smallTrainJob(overrides: Partial<TrainJob> = {}): TrainJob {
  return {
    kind: 'train',
    data: { dataset: 'gaussians8' },
    config: { hidden: 16, layers: 2, batch: 32 },
    start: 'scratch',
    chunk: 4,
    snapshotEvery: 0,
    snapshot: {
      particles: 40,
      sampleSteps: 4,
      fieldSize: 5,
      fieldTime: 0.5,
      densitySize: 6,
      errorTimes: 3,
      mapSize: 4,
      mapTime: 0.3,
    },
    ...overrides,
  };
}

/** A training context that records every message and cancels the run once `stop` says so. */
export function trainHarness(
  paused: boolean,
  stop: (messages: TrainFromWorker[], control: TrainControl) => boolean,
) {
  const messages: TrainFromWorker[] = [];
  const control = new TrainControl(paused);
  const ctx: TrainContext = {
    runId: 1,
    modelsUrl: '',
    control,
    isCancelled: () => stop(messages, control),
    emit: () => {},
    progress: () => {},
    send: (m) => messages.push(m),
  };
  return { ctx, messages, control };
}
