import * as tf from '@tensorflow/tfjs-core';
import type { Denoiser } from '../../../core/samplers/types';
import { mlp2dDenoiser } from '../../../models/denoiser2d';
import { loadModel, type LoadProgress } from '../../../models/loader';
import type { ModelManifest } from '../../../models/manifest';
import type { Model2d } from '../../protocol';
import type { JobContext } from './context';
import { trainedDenoiser2d } from './trainedModels';

export type Network2d = Exclude<Model2d, 'exact'>;

let manifest: Promise<ModelManifest> | null = null;
const denoisers = new Map<string, Promise<Denoiser<tf.Tensor>>>();

const KIND_NAMES: Record<Network2d, string> = {
  mlp: 'trained diffusion MLP',
  fm: 'flow-matching MLP',
  reflow: 'reflowed flow-matching MLP',
  distill: 'progressively distilled MLP',
  consistency: 'consistency MLP',
  trained: 'network trained in this page',
};

/** The shipped files of a model are missing or broken (manifest, size, SHA-256, shapes). */
export class ModelFilesError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ModelFilesError';
  }
}

async function fetchManifest(baseUrl: string): Promise<ModelManifest> {
  const r = await fetch(`${baseUrl}manifest.json`).catch((e: Error) => {
    throw new ModelFilesError(`the model manifest could not be fetched (${e.message})`, {
      cause: e,
    });
  });
  if (!r.ok) throw new ModelFilesError(`the model manifest could not be loaded (HTTP ${r.status})`);
  return (await r.json().catch((e: Error) => {
    throw new ModelFilesError(`the model manifest is not valid JSON (${e.message})`, { cause: e });
  })) as ModelManifest;
}

/** The app's model manifest, fetched once; a failed fetch is retried on the next call. */
export function cachedManifest(baseUrl: string): Promise<ModelManifest> {
  manifest ??= fetchManifest(baseUrl).catch((e: Error) => {
    manifest = null;
    throw e;
  });
  return manifest;
}

async function build(
  dataset: string,
  kind: Network2d,
  ctx: JobContext,
  id: string,
): Promise<Denoiser<tf.Tensor>> {
  const entry = (await cachedManifest(ctx.modelsUrl)).models.find((m) => m.id === id);
  if (!entry) throw new Error(`no ${KIND_NAMES[kind]} is shipped for "${dataset}" (model "${id}")`);
  const onProgress = (p: LoadProgress) =>
    ctx.progress(
      'load',
      `loading ${entry.id}: ${(p.loadedBytes / 1024).toFixed(0)} / ${(p.totalBytes / 1024).toFixed(0)} KiB`,
      p.loadedBytes / p.totalBytes,
    );
  const loaded = await loadModel(entry, {
    fetch: (u) => fetch(u),
    baseUrl: ctx.modelsUrl,
    onProgress,
  }).catch((e: Error) => {
    throw new ModelFilesError(e.message, { cause: e });
  });
  // The model's own model.json says what it predicts (eps, or a flow velocity for fm-*).
  return mlp2dDenoiser(loaded);
}

/**
 * A data set's trained network (`mlp` or `fm`) as a denoiser on tensors; loaded, verified and
 * cached once. 'trained' is the page's own network, whatever the data set. A distilled
 * student's id names its step count too (students.ts picks it).
 */
export function loadedDenoiser2d(
  dataset: string,
  ctx: JobContext,
  kind: Network2d = 'mlp',
  id = `${kind}-${dataset}`,
): Promise<Denoiser<tf.Tensor>> {
  // The page's own network (trained or uploaded in the Train view), held by the worker.
  if (kind === 'trained') return trainedDenoiser2d();
  // fm-<dataset> after one reflow (training/reflow.py).
  if (kind === 'reflow' && id === `reflow-${dataset}`) id = `fm-${dataset}-reflow1`;
  const key = id;
  let d = denoisers.get(key);
  if (!d) {
    d = build(dataset, kind, ctx, id).catch((e: Error) => {
      denoisers.delete(key);
      throw e;
    });
    denoisers.set(key, d);
  }
  return d;
}
