import type { TrainedFiles, TrainedModelRef } from '../worker/protocol';
import { Slot } from './slot';

/** The network behind model=trained: trained or uploaded in the Train view. */
export interface PageTrainedModel {
  ref: TrainedModelRef;
  /** Where it came from, for menus and notices (e.g. "swissroll, step 3000"). */
  label: string;
}

/**
 * The page's trained network. The train view hands it to the worker client, which keeps the
 * worker's copy current (also after a restart); worker jobs use it with model 'trained'.
 */
export const trainedModel = new Slot<PageTrainedModel>();

let version = 0;

export function setTrainedModel(files: TrainedFiles, label: string): void {
  trainedModel.set({ ref: { key: `trained-${++version}`, files }, label });
}
