import * as tf from '@tensorflow/tfjs-core';
import type { Denoiser } from '../../../core/samplers/types';
import { mlp2dDenoiser } from '../../../models/denoiser2d';
import type { LoadedModel } from '../../../models/loader';
import type { Mlp2dArchitecture } from '../../../models/mlp2d';
import { loadTrained } from '../../../models/train2d/modelFiles';
import type { TrainedFiles, TrainedModelRef } from '../../protocol/train';

/**
 * The page's trained 2D network ("trained" in the model menus): the main thread sends it with
 * 'trainedModel' (again after a worker restart); any job can take it as a denoiser with
 * trainedDenoiser2d() (scene jobs do; the lab's can). Loaded and verified once per version.
 */
let current: TrainedModelRef | null = null;
let cached: { key: string; loaded: Promise<LoadedModel> } | null = null;

export function setTrainedModel(ref: TrainedModelRef | null): void {
  current = ref;
}

export const NO_TRAINED_MODEL =
  'no trained model in this page yet: train one in the Train view and press "Save weights and use them in other views", or upload weights there';

export async function trainedDenoiser2d(): Promise<Denoiser<tf.Tensor>> {
  const ref = current;
  if (!ref) throw new Error(NO_TRAINED_MODEL);
  if (cached?.key !== ref.key) {
    const previous = cached?.loaded;
    cached = { key: ref.key, loaded: loadTrained(ref.files, 'trained') };
    previous?.then((m) => tf.dispose(Object.values(m.weights))).catch(() => {});
  }
  try {
    return mlp2dDenoiser(await cached.loaded);
  } catch (e) {
    cached = null;
    throw e;
  }
}

/** Validates uploaded files as the loader does; a one-line description of the network. */
export async function describeTrainedFiles(files: TrainedFiles): Promise<string> {
  const loaded = await loadTrained(files);
  tf.dispose(Object.values(loaded.weights));
  const a = loaded.modelJson.architecture as unknown as Mlp2dArchitecture;
  const { entry } = loaded;
  return (
    `${entry.parameterisation}-prediction MLP, width ${a.hidden}, depth ${a.layers}, ` +
    `${a.timeEmbedding ?? 'sinusoidal'} time embedding, ${entry.schedule?.kind} schedule, ` +
    `trained on ${entry.dataset}`
  );
}
