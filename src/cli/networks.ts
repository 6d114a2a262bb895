import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { BatchDenoiser } from '../core/discrete/batch';
import type { ArrayHost } from '../core/host';
import type { FlowVelocity } from '../core/metrics/flowStraightness';
import type { Denoiser } from '../core/samplers/types';
import { mlp2dDenoiser } from '../models/denoiser2d';
import { loadedFlowVelocity } from '../models/flowVelocity';
import { transformerBatch, type TransformerDenoiserOptions } from '../models/discreteDenoiser';
import { discreteNetworkInfo, type DiscreteNetworkInfo } from '../models/discreteNetwork';
import {
  guidedUnetDenoiser,
  imageModelInfo,
  type ImageModelInfo,
} from '../models/guidedUnetDenoiser';
import { loadModel, type LoadedModel } from '../models/loader';
import type { ModelEntry } from '../models/manifest';
import { tfArrayHost } from '../models/tfHost';
import { checkAutoencoderTopology, LatentAutoencoder } from '../models/vae';
import { fileFetch } from './modelFiles';
import type { SampleOptions } from './sampleOptions';

/**
 * Selects tfjs's cpu backend or its wasm backend, whose .wasm files are read from
 * node_modules. tfjs's advice to install tfjs-node (a console warning) is silenced so
 * stderr stays clean.
 */
export async function useBackend(id: SampleOptions['backend']): Promise<void> {
  tf.env().set('PROD', true);
  if (id === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
    wasm.setWasmPaths(`${dist}/dist/`);
  }
  if (!(await tf.setBackend(id))) throw new Error(`the tfjs ${id} backend could not start`);
}

async function load(entry: ModelEntry, modelsDir: string): Promise<LoadedModel> {
  return loadModel(entry, { fetch: fileFetch, baseUrl: modelsDir });
}

/** A flow-matching 2D MLP's velocity v(x_τ, τ) on float64 rows (for straightness). */
export async function loadFlowVelocity(
  entry: ModelEntry,
  modelsDir: string,
): Promise<FlowVelocity> {
  return loadedFlowVelocity(await load(entry, modelsDir));
}

/** The trained 2D MLP as a denoiser on [n, 2] tensors. */
export async function loadMlpDenoiser(
  entry: ModelEntry,
  modelsDir: string,
): Promise<Denoiser<tf.Tensor>> {
  return mlp2dDenoiser(await load(entry, modelsDir));
}

export interface ImageDenoiserSpec {
  classId: number;
  guidance: number;
}

/** The class-conditional image model with classifier-free guidance, and its image shape. */
export async function loadImageModel(
  entry: ModelEntry,
  modelsDir: string,
): Promise<{ info: ImageModelInfo; denoiser: (spec: ImageDenoiserSpec) => Denoiser<tf.Tensor> }> {
  const loaded = await load(entry, modelsDir);
  return {
    info: imageModelInfo(loaded),
    denoiser: ({ classId, guidance }) => guidedUnetDenoiser(loaded, classId, guidance),
  };
}

/**
 * Batches of items of `itemShape` ([2] for points, [H, W, C] for images) as float32 tensors on
 * tfjs's cpu or wasm backend, read back synchronously.
 */
export function tensorHost(itemShape: readonly number[]): ArrayHost<tf.Tensor, ArrayLike<number>> {
  return tfArrayHost(itemShape, (x) => x.dataSync());
}

/** A shipped MDLM transformer: its architecture, its process, and p̂(x₀ | x_t) of batches as a factory. */
export async function loadDiscreteNetwork(
  entry: ModelEntry,
  modelsDir: string,
): Promise<{
  info: DiscreteNetworkInfo;
  denoiser: (o: TransformerDenoiserOptions) => BatchDenoiser;
}> {
  const loaded = await load(entry, modelsDir);
  const info = discreteNetworkInfo(loaded);
  return {
    info,
    denoiser: (o) => transformerBatch(loaded.weights, info.arch, o).denoise,
  };
}

/** A shipped latent-diffusion autoencoder (kind 'autoencoder'). */
export async function loadAutoencoder(
  entry: ModelEntry,
  modelsDir: string,
): Promise<LatentAutoencoder> {
  const loaded = await load(entry, modelsDir);
  const topo = checkAutoencoderTopology(
    loaded.modelJson.modelTopology as unknown as { kind: string } & Record<string, unknown>,
  );
  return new LatentAutoencoder(loaded.weights, topo);
}

/** Decodes n latents (float64, n × latentDim) to uint8 rows (0 = −1, 255 = +1). */
export function decodeLatents(ae: LatentAutoencoder, z: Float64Array, n: number): number[][] {
  const latents = tf.tensor2d(Float32Array.from(z), [n, ae.latentDim]);
  const images = ae.decode(latents);
  const flat = images.dataSync();
  tf.dispose([latents, images]);
  const size = ae.height * ae.width;
  return Array.from({ length: n }, (_, i) =>
    Array.from(flat.subarray(i * size, (i + 1) * size), (v) =>
      Math.min(255, Math.max(0, Math.round((v + 1) * 127.5))),
    ),
  );
}
