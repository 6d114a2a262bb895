import * as tf from '@tensorflow/tfjs-core';
import type { Denoiser } from '../../../core/samplers/types';
import { mlp2dDenoiser } from '../../../models/denoiser2d';
import { guidedUnetDenoiser, imageModelInfo } from '../../../models/guidedUnetDenoiser';
import type { LoadedModel } from '../../../models/loader';
import type { ModelEntry, ModelJson } from '../../../models/manifest';
import { mlp2dWeightShapes, type Mlp2dArchitecture } from '../../../models/mlp2d';
import type { BenchJob } from '../../protocol/bench';

/** A network under test: its denoiser, the shape of one item, and where its weights came from. */
export interface BenchModel {
  denoise: Denoiser<tf.Tensor>;
  itemShape: number[];
  shipped: boolean;
}

/** The shipped 2D MLPs' architecture (training/train_mlp2d.py), for random weights when none ship. */
const MLP_ARCH: Mlp2dArchitecture = {
  kind: 'mlp2d',
  timeDim: 32,
  tembDim: 64,
  hidden: 128,
  layers: 3,
};
const LINEAR_VP = { kind: 'linear', T: 1000, beta_start: 0.0001, beta_end: 0.02 };

function entryFor(id: string, kind: ModelEntry['kind'], json: ModelJson): ModelEntry {
  const d = (json.diffusion ?? {}) as Record<string, unknown>;
  return {
    id,
    kind,
    dataset: String(d.dataset ?? id),
    inputShape: (d.inputShape as number[] | undefined) ?? [2],
    parameterisation: (d.parameterisation as ModelEntry['parameterisation']) ?? 'eps',
    schedule: (d.schedule as ModelEntry['schedule']) ?? LINEAR_VP,
    files: [],
    licence: '',
    source: '',
    card: '',
  };
}

/**
 * model.json and its weight files as served, or null when the model does not ship. The bench
 * times networks, not downloads, so it skips the manifest's hash checks (the app's loader does them).
 */
async function fetchShipped(modelsUrl: string, id: string, kind: ModelEntry['kind']) {
  const r = await fetch(`${modelsUrl}${id}/model.json`);
  // A static server may answer a missing file with the app's index.html.
  if (!r.ok || !(r.headers.get('content-type') ?? '').includes('json')) return null;
  const json = (await r.json()) as ModelJson;
  const parts = await Promise.all(
    json.weightsManifest
      .flatMap((g) => g.paths)
      .map(
        async (p) => new Uint8Array(await (await fetch(`${modelsUrl}${id}/${p}`)).arrayBuffer()),
      ),
  );
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((offset, p) => (bytes.set(p, offset), offset + p.length), 0);
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const loaded: LoadedModel = {
    entry: entryFor(id, kind, json),
    modelJson: json,
    weights: tf.io.decodeWeights(bytes.buffer, specs),
  };
  return loaded;
}

/** He-style random weights for the MLP architecture: same shapes, so the same cost per evaluation. */
function randomMlp(dataset: string): LoadedModel {
  const weights: tf.NamedTensorMap = {};
  let seed = 1;
  for (const [name, shape] of Object.entries(mlp2dWeightShapes(MLP_ARCH))) {
    const std = shape.length === 2 ? Math.sqrt(2 / shape[0]) : 0.01;
    weights[name] = tf.randomNormal(shape, 0, std, 'float32', seed++);
  }
  const json: ModelJson = {
    weightsManifest: [],
    architecture: { ...MLP_ARCH },
    diffusion: { dataset, parameterisation: 'eps', schedule: LINEAR_VP, inputShape: [2] },
  };
  return { entry: entryFor(`mlp-${dataset}`, 'mlp2d', json), modelJson: json, weights };
}

/** The job's network on the active backend: shipped weights where present. */
export async function loadBenchModel(job: BenchJob, modelsUrl: string): Promise<BenchModel> {
  if (job.model === 'mlp2d') {
    const shipped = await fetchShipped(modelsUrl, `mlp-${job.dataset}`, 'mlp2d');
    const loaded = shipped ?? randomMlp(job.dataset);
    return { denoise: mlp2dDenoiser(loaded), itemShape: [2], shipped: shipped !== null };
  }
  const loaded = await fetchShipped(modelsUrl, job.dataset, 'unet');
  if (!loaded) throw new Error(`the image model "${job.dataset}" is not shipped`);
  // Guidance 1: the plain conditional model, one network pass per evaluation.
  const denoise = guidedUnetDenoiser(loaded, 0, 1);
  return { denoise, itemShape: imageModelInfo(loaded).inputShape, shipped: true };
}
