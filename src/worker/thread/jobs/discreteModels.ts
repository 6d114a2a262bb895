import { type BatchDenoiser, sequenceBySequence } from '../../../core/discrete/batch';
import { namesFromJson } from '../../../core/discrete/data/names';
import {
  DISCRETE_DATA,
  DISCRETE_T,
  discreteDataProcess,
  discreteTrainingSet,
  type DiscreteTrainingSet,
  ofClass,
} from '../../../core/discrete/datasets';
import { exactDenoiser } from '../../../core/discrete/exact';
import type { CategoricalProcess } from '../../../core/discrete/process';
import { transformerBatch } from '../../../models/discreteDenoiser';
import {
  autoregressiveArch,
  checkDiscreteNetwork,
  discreteNetworkInfo,
  type DiscreteNetworkInfo,
} from '../../../models/discreteNetwork';
import { loadModel, type LoadedModel } from '../../../models/loader';
import type { ModelEntry } from '../../../models/manifest';
import type { TransformerArchitecture } from '../../../models/transformer';
import {
  type DiscreteDataset,
  type DiscreteModelRef,
  MAX_DISCRETE_GUIDANCE,
} from '../../protocol/discrete';
import type { JobContext } from './context';
import { cachedManifest, ModelFilesError } from './models2d';

/** What loading needs of a job's context (the probe has no run, only these). */
export type Loading = Pick<JobContext, 'modelsUrl' | 'progress'>;

export interface DiscreteData {
  train: DiscreteTrainingSet;
  /** names only: the held-out split. */
  heldOut: string[];
}

/** A model of a data set ready to sample: its process and p̂(x₀ | x_t) of batches. */
export interface DiscreteModel {
  process: CategoricalProcess;
  L: number;
  denoise: BatchDenoiser;
  /** The same model read back asynchronously (networks). */
  denoiseAsync?: (xs: Int32Array, t: number) => Promise<Float64Array>;
}

const dataSets = new Map<DiscreteDataset, Promise<DiscreteData>>();
const networks = new Map<string, Promise<{ loaded: LoadedModel; info: DiscreteNetworkInfo }>>();
const autoregressive = new Map<
  string,
  Promise<{ loaded: LoadedModel; arch: TransformerArchitecture }>
>();

/** A promise cached under `key`, dropped when it fails so the next job retries. */
function cached<K, V>(map: Map<K, Promise<V>>, key: K, make: () => Promise<V>): Promise<V> {
  let p = map.get(key);
  if (!p) {
    p = make().catch((e: Error) => {
      map.delete(key);
      throw e;
    });
    map.set(key, p);
  }
  return p;
}

function checkDataset(dataset: string): DiscreteDataset {
  if (!(dataset in DISCRETE_DATA))
    throw new Error(
      `unknown discrete data set "${dataset}"; known: ${Object.keys(DISCRETE_DATA).join(', ')}`,
    );
  return dataset as DiscreteDataset;
}

/** public/data/<file> of a data set beside the models folder, parsed once per worker. */
export function discreteData(dataset: DiscreteDataset, ctx: Loading): Promise<DiscreteData> {
  return cached(dataSets, checkDataset(dataset), async () => {
    const { file } = DISCRETE_DATA[dataset];
    ctx.progress('load', `loading ${file}`, 0);
    const url = new URL(`../data/${file}`, ctx.modelsUrl);
    const r = await fetch(url).catch((e: Error) => {
      throw new ModelFilesError(`${file} could not be fetched (${e.message})`, { cause: e });
    });
    if (!r.ok) throw new ModelFilesError(`${file} could not be loaded (HTTP ${r.status})`);
    const json: unknown = await r.json();
    return {
      train: discreteTrainingSet(dataset, json),
      heldOut: dataset === 'names' ? namesFromJson(json).heldOut : [],
    };
  });
}

async function load(entry: ModelEntry, ctx: Loading): Promise<LoadedModel> {
  return loadModel(entry, {
    fetch: (u) => fetch(u),
    baseUrl: ctx.modelsUrl,
    onProgress: (p) =>
      ctx.progress(
        'load',
        `loading ${entry.id}: ${(p.loadedBytes / 1024).toFixed(0)} / ${(p.totalBytes / 1024).toFixed(0)} KiB`,
        p.loadedBytes / p.totalBytes,
      ),
  }).catch((e: Error) => {
    throw new ModelFilesError(e.message, { cause: e });
  });
}

/** The shipped MDLM networks of a data set, by manifest entry. */
async function networkEntries(dataset: DiscreteDataset, ctx: Loading): Promise<ModelEntry[]> {
  const { models } = await cachedManifest(ctx.modelsUrl);
  const { manifestDataset } = DISCRETE_DATA[dataset];
  return models.filter(
    (m) => m.kind === 'transformer' && m.parameterisation && m.dataset === manifestDataset,
  );
}

/** A data set's MDLM network `id`, loaded, verified and checked against the data set once. */
export function discreteNetwork(
  id: string,
  dataset: DiscreteDataset,
  ctx: Loading,
): Promise<{ loaded: LoadedModel; info: DiscreteNetworkInfo }> {
  return cached(networks, `${dataset}/${id}`, async () => {
    const entries = await networkEntries(dataset, ctx);
    const entry = entries.find((m) => m.id === id);
    if (!entry)
      throw new Error(
        `"${id}" is not a model of ${dataset}; ${dataset} takes ${['exact', ...entries.map((m) => m.id)].join(', ')}`,
      );
    const loaded = await load(entry, ctx);
    const info = discreteNetworkInfo(loaded);
    const { L, levels } = DISCRETE_DATA[dataset];
    checkDiscreteNetwork(id, info, { name: dataset, L, levels });
    return { loaded, info };
  });
}

/** The names autoregressive model `id` (ar-names), loaded and verified once. */
export function autoregressiveNetwork(
  id: string,
  ctx: Loading,
): Promise<{ loaded: LoadedModel; arch: TransformerArchitecture }> {
  return cached(autoregressive, id, async () => {
    const { models } = await cachedManifest(ctx.modelsUrl);
    const ar = models.filter(
      (m) => m.kind === 'transformer' && !m.parameterisation && m.dataset === 'names',
    );
    const entry = ar.find((m) => m.id === id);
    if (!entry)
      throw new Error(
        `"${id}" is not an autoregressive model of names (shipped: ${ar.map((m) => m.id).join(', ') || 'none'})`,
      );
    const loaded = await load(entry, ctx);
    return { loaded, arch: autoregressiveArch(loaded, DISCRETE_DATA.names.L) };
  });
}

/** Refuses a class on names, a class or guidance out of range, and bad infilling tokens. */
export function checkModelRef(ref: Omit<DiscreteModelRef, 'model'>): void {
  const { L, levels, classes } = DISCRETE_DATA[checkDataset(ref.dataset)];
  if (ref.classId !== undefined) {
    if (classes === 0) throw new Error(`${ref.dataset} has no classes; a class applies to digits`);
    if (!Number.isInteger(ref.classId) || ref.classId < 0 || ref.classId >= classes)
      throw new Error(`the class must be an integer in 0..${classes - 1}, got ${ref.classId}`);
  }
  const W = ref.guidance;
  if (W !== undefined && !(W >= 0 && W <= MAX_DISCRETE_GUIDANCE))
    throw new Error(`the guidance must be in 0..${MAX_DISCRETE_GUIDANCE}, got ${W}`);
  const { fixed } = ref;
  if (fixed) {
    if (fixed.length !== L)
      throw new Error(`fixed tokens: ${fixed.length} positions, ${ref.dataset} has L = ${L}`);
    const bad = fixed.findIndex((v) => !Number.isInteger(v) || v < -1 || v >= levels);
    if (bad >= 0)
      throw new Error(
        `fixed token ${fixed[bad]} at position ${bad} is not −1 (free) or a data token 0..${levels - 1}`,
      );
  }
}

/**
 * The model a job names: the exact model of the training split (of the class's digits with
 * `classId`), or the data set's network, guided with W: log p = W log p(·|y) + (1 − W) log p(·),
 * the transformer's w = W − 1, as the CLI's --guidance.
 */
export async function discreteModel(ref: DiscreteModelRef, ctx: Loading): Promise<DiscreteModel> {
  checkModelRef(ref);
  const { dataset, classId } = ref;
  const process = discreteDataProcess(dataset);
  const { L, classes } = DISCRETE_DATA[dataset];
  if (ref.model === 'exact') {
    const { train } = await discreteData(dataset, ctx);
    const set = classId === undefined ? train : ofClass(train, classId);
    return { process, L, denoise: sequenceBySequence(exactDenoiser(process, set, ref.fixed), L) };
  }
  const { loaded, info } = await discreteNetwork(ref.model, dataset, ctx);
  if (classId !== undefined && info.arch.classes !== classes)
    throw new Error(`model "${ref.model}" is not class-conditional; choose no class`);
  const batch = transformerBatch(loaded.weights, info.arch, {
    T: DISCRETE_T,
    ...(classId === undefined ? {} : { label: classId, guidance: (ref.guidance ?? 1) - 1 }),
  });
  return {
    process,
    L,
    denoise: (xs, t) => batch.denoise(xs, t),
    denoiseAsync: (xs, t) => batch.denoiseAsync(xs, t),
  };
}
