import * as tf from '@tensorflow/tfjs-core';
import { parseLatentSet, type LatentSet } from '../../../core/data/latentData';
import type { Denoiser } from '../../../core/samplers/types';
import { latentDenoiser, latentModelInfo } from '../../../models/latentDenoiser';
import { loadModel, type LoadedModel } from '../../../models/loader';
import { checkAutoencoderTopology, LatentAutoencoder } from '../../../models/vae';
import {
  LATENT_SETS,
  type LatentDecoded,
  type LatentDecodeRequest,
  type LatentJob,
  type LatentSetId,
} from '../../protocol';
import { cachedManifest, ModelFilesError } from './models2d';

const autoencoders = new Map<string, Promise<LatentAutoencoder>>();
const sets = new Map<string, Promise<LatentSet>>();

/** Keeps a load's promise, forgetting it when it fails (the next ask tries again). */
function cached<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let p = map.get(key);
  if (!p) {
    p = load();
    p.catch(() => map.delete(key));
    map.set(key, p);
  }
  return p;
}

/** The set's autoencoder (public/models/<id>), loaded and verified once. */
export function cachedAutoencoder(set: LatentSetId, modelsUrl: string): Promise<LatentAutoencoder> {
  const id = LATENT_SETS[set].autoencoder;
  return cached(autoencoders, id, async () => {
    const entry = (await cachedManifest(modelsUrl)).models.find((m) => m.id === id);
    if (!entry) throw new Error(`the autoencoder "${id}" is not in the model manifest`);
    const loaded = await loadModel(entry, { fetch: (u) => fetch(u), baseUrl: modelsUrl }).catch(
      (e: Error) => {
        throw new ModelFilesError(e.message, { cause: e });
      },
    );
    const topo = checkAutoencoderTopology(
      loaded.modelJson.modelTopology as unknown as { kind: string } & Record<string, unknown>,
    );
    return new LatentAutoencoder(loaded.weights, topo);
  });
}

/** The encoded training set public/data/<data>.json, checked against its autoencoder. */
export function cachedLatentSet(set: LatentSetId, modelsUrl: string): Promise<LatentSet> {
  const { data, autoencoder, dim } = LATENT_SETS[set];
  return cached(sets, data, async () => {
    const url = new URL(`../data/${data}.json`, modelsUrl);
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${data}: ${url.pathname} answered ${res.status}`);
    const parsed = parseLatentSet(await res.text());
    if (parsed.model !== autoencoder || parsed.dim !== dim)
      throw new Error(
        `${data}.json holds ${parsed.dim}D latents of "${parsed.model}", not ${dim}D of "${autoencoder}"`,
      );
    return parsed;
  });
}

/** Pixels in [−1, 1] of n latents (n × dim, float32). */
export async function decodeLatents(ae: LatentAutoencoder, z: Float32Array): Promise<Float32Array> {
  const n = z.length / ae.latentDim;
  if (n === 0) return new Float32Array(0);
  const images = tf.tidy(() => ae.decode(tf.tensor2d(z, [n, ae.latentDim])));
  const data = (await images.data()) as Float32Array;
  images.dispose();
  return data;
}

/** The decode request (a dragged particle), answered beside the run queue. */
export async function latentDecode(
  request: LatentDecodeRequest,
  modelsUrl: string,
): Promise<LatentDecoded> {
  const { dim } = LATENT_SETS[request.set];
  if (request.z.length === 0 || request.z.length % dim !== 0 || !request.z.every(Number.isFinite))
    throw new Error(`decode: expected finite ${dim}D latents, got ${request.z.length} numbers`);
  const ae = await cachedAutoencoder(request.set, modelsUrl);
  return { images: await decodeLatents(ae, request.z), height: ae.height, width: ae.width };
}

const networks = new Map<string, Promise<LoadedModel>>();

/**
 * The set's trained latent denoiser (public/models/mlp-*-latent*d) for the job's class and
 * guidance, checked against the set's autoencoder; broken files are a ModelFilesError.
 */
export async function cachedLatentNetwork(
  job: Pick<LatentJob, 'set' | 'classId' | 'guidance'>,
  modelsUrl: string,
): Promise<{ denoise: Denoiser<tf.Tensor>; dim: number }> {
  const { network: id, autoencoder } = LATENT_SETS[job.set];
  const loaded = await cached(networks, id, async () => {
    const entry = (await cachedManifest(modelsUrl)).models.find((m) => m.id === id);
    if (!entry)
      throw new ModelFilesError(`the latent denoiser "${id}" is not in the model manifest`);
    return loadModel(entry, { fetch: (u) => fetch(u), baseUrl: modelsUrl }).catch((e: Error) => {
      throw new ModelFilesError(e.message, { cause: e });
    });
  });
  const info = latentModelInfo(loaded);
  if (info.autoencoder !== autoencoder)
    throw new Error(`"${id}" denoises latents of "${info.autoencoder}", not of "${autoencoder}"`);
  return { denoise: latentDenoiser(loaded, job.classId, job.guidance), dim: info.latentDim };
}
