import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { digitsFromJson } from '../core/discrete/data/digits';
import { decodeName, encodeName, encodeNames, namesFromJson } from '../core/discrete/data/names';
import { type DiscreteDenoiser, exactDenoiser, type SequenceSet } from '../core/discrete/exact';
import { absorbingProcess, type CategoricalProcess } from '../core/discrete/process';
import { runDiscrete } from '../core/discrete/run';
import { initialTokens, timestepGrid } from '../core/discrete/sampling';
import { logLinearSchedule } from '../core/discrete/schedules';
import { uniformAt } from '../core/rng';
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

/** Sample i of a run with seed S draws from the core's streams under seed (S + i) mod 2³². */
export function discreteSampleSeed(seed: number, i: number): number {
  return (seed + i) >>> 0;
}

const trainingSets = new Map<string, Promise<SequenceSet & { labels?: Int32Array }>>();

/** The training split of a data set (parsed once per process). */
function trainingSet(dataset: DiscreteDatasetId): Promise<SequenceSet & { labels?: Int32Array }> {
  let set = trainingSets.get(dataset);
  if (!set) {
    const file = dataset === 'names' ? 'names.json' : 'digits8x8.json';
    set = readFile(`${DEFAULT_DATA_DIR}${file}`, 'utf8').then((text) => {
      const json: unknown = JSON.parse(text);
      return dataset === 'names'
        ? encodeNames(namesFromJson(json).train, DISCRETE_DATASETS.names.L)
        : digitsFromJson(json).train;
    });
    trainingSets.set(dataset, set);
  }
  return set;
}

/** The training sequences of one class (digits). */
function ofClass(data: SequenceSet & { labels?: Int32Array }, classId: number): SequenceSet {
  const { L, tokens, labels } = data;
  const rows = [...(labels ?? [])].flatMap((y, j) => (y === classId ? [j] : []));
  const out = new Int32Array(rows.length * L);
  rows.forEach((j, r) => out.set(tokens.subarray(j * L, j * L + L), r * L));
  return { L, tokens: out };
}

function datasetProcess(dataset: DiscreteDatasetId): CategoricalProcess {
  const { levels } = DISCRETE_DATASETS[dataset];
  return absorbingProcess(levels + 1, logLinearSchedule(DISCRETE_T), levels);
}

interface DiscreteModel {
  process: CategoricalProcess;
  denoise: DiscreteDenoiser;
  extra: object;
  loadTimeMs?: number;
}

async function exactModel(o: DiscreteOptions, fixed?: Int32Array): Promise<DiscreteModel> {
  const all = await trainingSet(o.dataset);
  const data = o.classId === undefined ? all : ofClass(all, o.classId);
  const process = datasetProcess(o.dataset);
  return { process, denoise: exactDenoiser(process, data, fixed), extra: {} };
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
  if (
    info.process !== 'absorbing' ||
    info.schedule !== 'log-linear' ||
    info.mask !== levels ||
    arch.vocabIn !== levels + 1 ||
    arch.length !== DISCRETE_DATASETS[o.dataset].L
  )
    throw new Error(
      `model "${entry.id}" is not an absorbing log-linear denoiser of ${o.dataset} (process ${info.process}, schedule ${info.schedule}, mask ${info.mask})`,
    );
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
  return { process: datasetProcess(o.dataset), denoise, extra, loadTimeMs };
}

/** Infilling: the prefix's tokens at the first positions, −1 (free) elsewhere. */
function prefixTokens(prefix: string, L: number): Int32Array {
  const tokens = encodeName(prefix, L);
  return tokens.map((t, l) => (l < prefix.length ? t : -1));
}

/**
 * `sample --discrete names|digits`: `count` samples of the exact model (the training split's
 * empirical denoiser) or a shipped MDLM transformer, through the core's runDiscrete. Sample i
 * runs under seed discreteSampleSeed(seed, i).
 */
export async function discreteSampleCommand(
  argv: readonly string[],
): Promise<Record<string, unknown>> {
  const o = parseDiscreteOptions(argv);
  const { L } = DISCRETE_DATASETS[o.dataset];
  const fixed = o.prefix === undefined ? undefined : prefixTokens(o.prefix, L);
  const model = o.model === 'exact' ? await exactModel(o, fixed) : await networkModel(o);
  const { process } = model;
  const grid = { timesteps: timestepGrid(DISCRETE_T, o.steps) };
  const samples: (string | number[])[] = [];
  let nfe = 0;
  const t0 = performance.now();
  for (let i = 0; i < o.count; i++) {
    const seed = discreteSampleSeed(o.seed, i);
    const ctx = {
      process,
      denoise: model.denoise,
      uniform: (key: number, counter: number) => uniformAt(seed, key, counter),
      ...(fixed ? { fixed } : {}),
    };
    const xT = initialTokens(process, L, seed, fixed);
    const run = runDiscrete(o.sampler, ctx, grid, o.params, xT);
    nfe += run.nfe;
    samples.push(o.dataset === 'names' ? decodeName(run.x) : Array.from(run.x));
  }
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
