import * as tf from '@tensorflow/tfjs-core';
import type { Denoiser } from '../../core/samplers/types';
import { mlp2dDenoiser } from '../../models/denoiser2d';
import { loadModel, type LoadProgress } from '../../models/loader';
import { findModel, type ModelManifest } from '../../models/manifest';
import type { JobContext } from './context';

let manifest: Promise<ModelManifest> | null = null;
const denoisers = new Map<string, Promise<Denoiser<tf.Tensor>>>();

async function fetchManifest(baseUrl: string): Promise<ModelManifest> {
  const r = await fetch(`${baseUrl}manifest.json`);
  if (!r.ok) throw new Error(`the model manifest could not be loaded (HTTP ${r.status})`);
  return (await r.json()) as ModelManifest;
}

async function build(dataset: string, ctx: JobContext): Promise<Denoiser<tf.Tensor>> {
  manifest ??= fetchManifest(ctx.modelsUrl).catch((e: Error) => {
    manifest = null;
    throw e;
  });
  const entry = findModel(await manifest, `mlp-${dataset}`);
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
  });
  return mlp2dDenoiser(loaded);
}

/** The trained MLP of a data set as a denoiser on tensors; loaded, verified and cached once. */
export function loadedDenoiser2d(dataset: string, ctx: JobContext): Promise<Denoiser<tf.Tensor>> {
  let d = denoisers.get(dataset);
  if (!d) {
    d = build(dataset, ctx).catch((e: Error) => {
      denoisers.delete(dataset);
      throw e;
    });
    denoisers.set(dataset, d);
  }
  return d;
}
