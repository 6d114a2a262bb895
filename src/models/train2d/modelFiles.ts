import * as tf from '@tensorflow/tfjs-core';
import { PREDICTIONS, type Prediction } from '../../core/denoisers/parameterisation';
import { BETA_SCHEDULES, type BetaScheduleKind } from '../../core/schedules/betas';
import { loadModel, sha256Hex, type FetchLike, type LoadedModel } from '../loader';
import type { DiscreteScheduleSpec, ModelEntry, ModelJson } from '../manifest';
import { mlp2dWeightShapes, type Mlp2dArchitecture } from '../mlp2d';

/**
 * Trained 2D networks in the shipped models' format (training/mlp2d_export.py): model.json with
 * `architecture`, `diffusion` and a tfjs `weightsManifest`, and one weights.bin of float32
 * little-endian tensors in manifest order. Uploads go through the same verifying loader as the
 * shipped models (models/loader.ts), after the checks only an upload needs.
 */
export const WEIGHTS_FILE = 'weights.bin';

export interface TrainedModelFiles {
  modelJson: string;
  weightsBin: Uint8Array;
}

export interface DiffusionInfo {
  parameterisation: Prediction;
  schedule: DiscreteScheduleSpec;
  dataset: string;
}

/** Manifest order of the shipped exporter: time MLP, input, hidden layers, time projections, output. */
function orderedNames(arch: Mlp2dArchitecture): string[] {
  const names = ['time_embed/kernel', 'time_embed/bias', 'input/kernel', 'input/bias'];
  for (let i = 0; i < arch.layers - 1; i++) names.push(`hidden_${i}/kernel`, `hidden_${i}/bias`);
  for (let i = 0; i < arch.layers; i++) names.push(`time_proj_${i}/kernel`);
  names.push('output/kernel', 'output/bias');
  if (arch.timeEmbedding === 'fourier') names.push('time_embed/frequencies');
  return names;
}

/** model.json and weights.bin for `weights`; `extra` adds keys such as a training record. */
export async function encodeTrainedModel(
  arch: Mlp2dArchitecture,
  diffusion: DiffusionInfo,
  weights: tf.NamedTensorMap,
  extra: Record<string, unknown> = {},
): Promise<TrainedModelFiles> {
  const ordered = orderedNames(arch).map((name) => ({ name, tensor: weights[name] }));
  const { data, specs } = await tf.io.encodeWeights(ordered);
  const doc: ModelJson = {
    format: 'tfjs-weights-manifest',
    generatedBy: `src/models/train2d (tfjs ${tf.getBackend()})`,
    architecture: {
      ...arch,
      timeEmbedding: arch.timeEmbedding ?? 'sinusoidal',
      activation: 'silu',
    },
    diffusion: {
      parameterisation: diffusion.parameterisation,
      schedule: diffusion.schedule,
      timeInput: 'continuous t in [0, T-1], log sigma interpolated between integers',
      inputShape: [2],
      dataset: diffusion.dataset,
    },
    weightsManifest: [
      { paths: [WEIGHTS_FILE], weights: specs as ModelJson['weightsManifest'][0]['weights'] },
    ],
    ...extra,
  };
  return { modelJson: `${JSON.stringify(doc, null, 1)}\n`, weightsBin: new Uint8Array(data) };
}

const positiveInt = (v: unknown): boolean => Number.isInteger(v) && (v as number) > 0;

/**
 * The manifest entry a model.json implies, after checking what the loader takes on trust
 * from the shipped manifest: an mlp2d architecture with usable sizes, and a diffusion
 * section naming a known parameterisation and discrete schedule.
 */
export function entryFromModelJson(json: ModelJson, id: string): ModelEntry {
  const fail = (what: string) => new Error(`model "${id}": ${what}`);
  const arch = json.architecture as Partial<Mlp2dArchitecture> | undefined;
  if (!arch || typeof arch !== 'object') throw fail('model.json has no architecture');
  if (arch.kind !== 'mlp2d')
    throw fail(
      `model.json describes a "${String(arch.kind)}"; only 2D MLPs (kind "mlp2d") load here`,
    );
  for (const key of ['timeDim', 'tembDim', 'hidden', 'layers'] as const) {
    if (!positiveInt(arch[key]))
      throw fail(
        `architecture.${key} must be a positive integer, got ${JSON.stringify(arch[key])}`,
      );
  }
  if ((arch.timeDim as number) % 2 !== 0)
    throw fail(`architecture.timeDim must be even, got ${arch.timeDim}`);
  if (
    arch.timeEmbedding !== undefined &&
    arch.timeEmbedding !== 'sinusoidal' &&
    arch.timeEmbedding !== 'fourier'
  )
    throw fail(
      `architecture.timeEmbedding must be "sinusoidal" or "fourier", got ${JSON.stringify(arch.timeEmbedding)}`,
    );
  if (arch.learnedVariance !== undefined && typeof arch.learnedVariance !== 'boolean')
    throw fail(
      `architecture.learnedVariance must be true or false, got ${JSON.stringify(arch.learnedVariance)}`,
    );
  const d = (json.diffusion ?? {}) as {
    parameterisation?: unknown;
    schedule?: Partial<DiscreteScheduleSpec>;
    dataset?: unknown;
  };
  if (!PREDICTIONS.includes(d.parameterisation as Prediction))
    throw fail(
      `diffusion.parameterisation must be one of ${PREDICTIONS.join(', ')}, got ${JSON.stringify(d.parameterisation)}`,
    );
  const schedule = d.schedule;
  if (!schedule || !BETA_SCHEDULES.includes(schedule.kind as BetaScheduleKind))
    throw fail(
      `diffusion.schedule.kind must be one of ${BETA_SCHEDULES.join(', ')}, got ${JSON.stringify(schedule?.kind)}`,
    );
  if (!Number.isInteger(schedule.T) || (schedule.T as number) < 2)
    throw fail(`diffusion.schedule.T must be an integer ≥ 2, got ${JSON.stringify(schedule.T)}`);
  return {
    id,
    kind: 'mlp2d',
    dataset: typeof d.dataset === 'string' ? d.dataset : 'unknown',
    inputShape: [2],
    parameterisation: d.parameterisation as Prediction,
    schedule: schedule as DiscreteScheduleSpec,
    files: [],
    licence: 'trained in the browser',
    source: 'upload',
    card: '',
  };
}

function parseModelJson(bytes: Uint8Array | string, id: string): ModelJson {
  const text = typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`model "${id}": model.json is not valid JSON (${(e as Error).message})`, {
      cause: e,
    });
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new Error(`model "${id}": model.json is not a JSON object`);
  const manifest = (json as ModelJson).weightsManifest;
  if (
    !Array.isArray(manifest) ||
    manifest.some((g) => !Array.isArray(g?.paths) || !Array.isArray(g?.weights))
  )
    throw new Error(`model "${id}": model.json has no valid weightsManifest`);
  return json as ModelJson;
}

/**
 * Load uploaded files: model.json and the weight files it names (by file name; one uploaded
 * weight file stands for a manifest naming one). Every check of the shipped loader applies
 * (tensor names, shapes, dtypes, byte counts); the weights must also be finite.
 */
export async function loadTrained(
  files: { modelJson: Uint8Array | string; weights: Record<string, Uint8Array> },
  id = 'uploaded',
): Promise<LoadedModel> {
  const json = parseModelJson(files.modelJson, id);
  const entry = entryFromModelJson(json, id);
  const paths = json.weightsManifest.flatMap((g) => g.paths);
  const uploaded = Object.entries(files.weights);
  const bytesOf = (path: string): Uint8Array => {
    const direct = files.weights[path];
    if (direct) return direct;
    if (paths.length === 1 && uploaded.length === 1) return uploaded[0][1];
    throw new Error(`model "${id}": model.json needs the weight file ${path}, which was not given`);
  };
  const store = new Map<string, Uint8Array>();
  const jsonBytes =
    typeof files.modelJson === 'string'
      ? new TextEncoder().encode(files.modelJson)
      : files.modelJson;
  store.set(`${id}/model.json`, jsonBytes);
  for (const p of paths) store.set(`${id}/${p}`, bytesOf(p));
  entry.files = await Promise.all(
    [...store].map(async ([path, bytes], i) => ({
      path,
      bytes: bytes.length,
      sha256: await sha256Hex(bytes),
      role: i === 0 ? ('model' as const) : ('weights' as const),
    })),
  );
  const fetch: FetchLike = async (url) => {
    const b = store.get(url);
    return {
      ok: !!b,
      status: b ? 200 : 404,
      arrayBuffer: async () => (b ?? new Uint8Array()).slice().buffer,
    };
  };
  const loaded = await loadModel(entry, { fetch, baseUrl: '' });
  checkFinite(loaded, id);
  return loaded;
}

function checkFinite(loaded: LoadedModel, id: string): void {
  const arch = loaded.modelJson.architecture as unknown as Mlp2dArchitecture;
  for (const name of Object.keys(mlp2dWeightShapes(arch))) {
    const values = loaded.weights[name].dataSync();
    if (!values.every(Number.isFinite)) {
      tf.dispose(Object.values(loaded.weights));
      throw new Error(`model "${id}": tensor ${name} holds NaN or infinite values`);
    }
  }
}
