import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type BatchDenoiser, runDiscreteBatch, sequenceBySequence } from '../core/discrete/batch';
import { decodeName, encodeName } from '../core/discrete/data/names';
import {
  discreteDataProcess,
  discreteTrainingSet,
  type DiscreteTrainingSet,
  ofClass,
} from '../core/discrete/datasets';
import { exactDenoiser } from '../core/discrete/exact';
import type { CategoricalProcess } from '../core/discrete/process';
import { timestepGrid } from '../core/discrete/sampling';
import { checkDiscreteNetwork } from '../models/discreteNetwork';
import type { ModelEntry, ModelManifest } from '../models/manifest';
import { UsageError } from './args';
import {
  DISCRETE_DATASETS,
  DISCRETE_T,
  type DiscreteDatasetId,
  type DiscreteOptions,
  parseDiscreteOptions,
} from './discreteOptions';
import { availableModel, DEFAULT_MODELS_DIR, readManifest } from './modelFiles';

/** public/data/ of this checkout. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../public/data/', import.meta.url));

/**
 * The shipped discrete diffusion networks: transformers with a diffusion parameterisation
 * (the autoregressive baseline, ar-names, has none and is not sampled here).
 */
export function discreteNetworks(manifest: ModelManifest): ModelEntry[] {
  return manifest.models.filter((m) => m.kind === 'transformer' && m.parameterisation);
}

/** The CLI's data set id of a network's manifest entry, if it is one of them. */
export function discreteDatasetOf(entry: ModelEntry): DiscreteDatasetId | undefined {
  const ids = Object.keys(DISCRETE_DATASETS) as DiscreteDatasetId[];
  return ids.find((id) => DISCRETE_DATASETS[id].manifestDataset === entry.dataset);
}

const trainingSets = new Map<string, Promise<DiscreteTrainingSet>>();

/** The training split of a data set (parsed once per process). */
function trainingSet(dataset: DiscreteDatasetId): Promise<DiscreteTrainingSet> {
  let set = trainingSets.get(dataset);
  if (!set) {
    set = readFile(`${DEFAULT_DATA_DIR}${DISCRETE_DATASETS[dataset].file}`, 'utf8').then((text) =>
      discreteTrainingSet(dataset, JSON.parse(text)),
    );
    trainingSets.set(dataset, set);
  }
  return set;
}

interface DiscreteModel {
  process: CategoricalProcess;
  denoise: BatchDenoiser;
  extra: object;
  loadTimeMs?: number;
}

async function exactModel(o: DiscreteOptions, fixed?: Int32Array): Promise<DiscreteModel> {
  const all = await trainingSet(o.dataset);
  const data = o.classId === undefined ? all : ofClass(all, o.classId);
  const process = discreteDataProcess(o.dataset);
  const denoise = sequenceBySequence(exactDenoiser(process, data, fixed), data.L);
  return { process, denoise, extra: {} };
}

async function networkModel(o: DiscreteOptions): Promise<DiscreteModel> {
  const dir = o.modelsDir ?? DEFAULT_MODELS_DIR;
  const modelsDir = dir.endsWith('/') ? dir : `${dir}/`;
  const manifest = await readManifest(modelsDir);
  const networks = discreteNetworks(manifest);
  const forDataset = (d: DiscreteDatasetId) =>
    ['exact', ...networks.filter((m) => discreteDatasetOf(m) === d).map((m) => m.id)].join(', ');
  const wrong = networks.find((m) => m.id === o.model && discreteDatasetOf(m) !== o.dataset);
  if (wrong)
    throw new UsageError(
      `model "${o.model}" is for ${discreteDatasetOf(wrong) ?? wrong.dataset}, not ${o.dataset}; --discrete ${o.dataset} takes --model ${forDataset(o.dataset)}`,
    );
  const entry = availableModel(
    { ...manifest, models: networks },
    o.model,
    'transformer',
    () =>
      `model "${o.model}" is not available; --discrete ${o.dataset} takes --model ${forDataset(o.dataset)}`,
  );
  const { classes, levels } = DISCRETE_DATASETS[o.dataset];
  const net = await import('./networks');
  await net.useBackend(o.backend);
  const t0 = performance.now();
  const { info, denoiser } = await net.loadDiscreteNetwork(entry, modelsDir);
  const loadTimeMs = performance.now() - t0;
  const { arch } = info;
  checkDiscreteNetwork(entry.id, info, {
    name: o.dataset,
    L: DISCRETE_DATASETS[o.dataset].L,
    levels,
  });
  if (o.classId !== undefined && arch.classes !== classes)
    throw new UsageError(`model "${entry.id}" is not class-conditional; drop --class`);
  // --guidance W as for the image models: log p = W·log p(·|y) + (1 − W)·log p(·), i.e. the
  // transformer denoiser's w = W − 1 (W = 1 conditional, 0 unconditional).
  const W = o.guidance ?? 1;
  const denoise = denoiser({
    T: DISCRETE_T,
    ...(o.classId === undefined ? {} : { label: o.classId, guidance: W - 1 }),
  });
  const extra = {
    backend: o.backend,
    ...(o.classId === undefined ? {} : { guidance: W }),
  };
  return { process: discreteDataProcess(o.dataset), denoise, extra, loadTimeMs };
}

/** Infilling: the prefix's tokens at the first positions, −1 (free) elsewhere. */
function prefixTokens(prefix: string, L: number): Int32Array {
  const tokens = encodeName(prefix, L);
  return tokens.map((t, l) => (l < prefix.length ? t : -1));
}

/**
 * `sample --discrete names|digits`: `count` samples of the exact model (the training split's
 * empirical denoiser) or a shipped MDLM transformer, all of them in one batch through the core's
 * runDiscreteBatch (the app's path): sample i runs under seed discreteSampleSeed(seed, i).
 */
export async function discreteSampleCommand(
  argv: readonly string[],
): Promise<Record<string, unknown>> {
  const o = parseDiscreteOptions(argv);
  const { L } = DISCRETE_DATASETS[o.dataset];
  const fixed = o.prefix === undefined ? undefined : prefixTokens(o.prefix, L);
  const model = o.model === 'exact' ? await exactModel(o, fixed) : await networkModel(o);
  const grid = { timesteps: timestepGrid(DISCRETE_T, o.steps) };
  const t0 = performance.now();
  const { x, nfe } = runDiscreteBatch({
    def: o.sampler,
    params: o.params,
    process: model.process,
    grid,
    L,
    count: o.count,
    seed: o.seed,
    ...(fixed ? { fixed } : {}),
    denoise: model.denoise,
  });
  const samples = Array.from({ length: o.count }, (_, i) => {
    const tokens = x.subarray(i * L, i * L + L);
    return o.dataset === 'names' ? decodeName(tokens) : Array.from(tokens);
  });
  const wallTimeMs = performance.now() - t0;
  return {
    command: 'sample',
    discrete: o.dataset,
    model: o.model,
    sampler: o.sampler.id,
    params: o.params,
    steps: o.steps,
    count: o.count,
    seed: o.seed,
    ...(o.classId === undefined ? {} : { class: o.classId }),
    ...(o.prefix === undefined ? {} : { prefix: o.prefix }),
    ...model.extra,
    nfe,
    wallTimeMs,
    ...(model.loadTimeMs === undefined ? {} : { loadTimeMs: model.loadTimeMs }),
    samples,
  };
}
