import { DATASET_IDS } from '../core/data';
import { DEFAULT_SCENE, PROCESS_IDS, type SceneSettings } from '../core/scene/settings';
import { decodeSamplerParams } from '../core/samplers/params';
import { getSampler, SAMPLERS } from '../core/samplers/registry';
import type { SamplerDef, SamplerParams } from '../core/samplers/types';
import { BETA_SCHEDULES, SIGMA_GRID_KINDS, TIMESTEP_SPACINGS } from '../core/schedules';
import { Flags, parseFlags, UsageError } from './args';
import { SEED_MAX } from './format';

export const SAMPLE_FLAGS = {
  dataset: 'string',
  model: 'string',
  sampler: 'string',
  steps: 'int',
  n: 'int',
  seed: 'int',
  eta: 'number',
  param: 'list',
  trajectory: 'bool',
  process: 'string',
  grid: 'string',
  spacing: 'string',
  beta: 'string',
  shift: 'number',
  class: 'string',
  guidance: 'number',
  backend: 'string',
  models: 'string',
  out: 'string',
} as const;

export const BACKEND_IDS = ['cpu', 'wasm'] as const;
export const MAX_STEPS = 1000;
export const MAX_POINTS = 100_000;
export const MAX_IMAGES = 256;
export const MAX_GUIDANCE = 20;

/**
 * The trained 2D networks: the data set's `<id>-<dataset>` model in public/models; the distilled
 * students (`distill`, `consistency`) pick theirs by the steps too (models/students.ts).
 */
export const NETWORKS_2D = ['mlp', 'fm', 'distill', 'consistency'] as const;
export type Network2d = (typeof NETWORKS_2D)[number];
export const NETWORK_2D_NAMES: Record<Network2d, string> = {
  mlp: 'trained diffusion MLP',
  fm: 'trained flow-matching MLP',
  distill: 'progressively distilled student',
  consistency: 'consistency model',
};

/** A student's id as the kind, data set and steps it names: distill-<dataset>-<N>, consistency-<dataset>. */
function studentId(model: string): { kind: Network2d; dataset: string; steps?: number } | null {
  const pd = /^distill-([a-z0-9]+)-(\d+)$/.exec(model);
  if (pd) return { kind: 'distill', dataset: pd[1], steps: Number(pd[2]) };
  const cm = /^consistency-([a-z0-9]+)$/.exec(model);
  return cm ? { kind: 'consistency', dataset: cm[1] } : null;
}

export function isNetwork2d(model: string): model is Network2d {
  return (NETWORKS_2D as readonly string[]).includes(model);
}

export interface SampleOptions {
  settings: SceneSettings;
  /** 'exact', 'mlp', 'fm', or the id of an image model. */
  model: string;
  trajectory: boolean;
  backend: (typeof BACKEND_IDS)[number];
  /** Image models only: the class (index or name, checked against the model) and guidance w. */
  classArg?: string;
  guidance?: number;
  /** Overrides the default public/models/ directory. */
  modelsDir?: string;
}

/**
 * `--param key=value` (repeatable) and `--eta E`, checked against the sampler's own ParamSpec
 * (a 2D sampler or a discrete one).
 */
export function checkedSamplerParams(
  def: Pick<SamplerDef, 'id' | 'params' | 'defaults'>,
  f: Flags,
): SamplerParams {
  const parts = f.list('param').map((p) => {
    const m = /^([A-Za-z][\w-]*)=([^,:]*)$/.exec(p);
    if (!m) throw new UsageError(`--param must look like key=value, got "${p}"`);
    return `${m[1]}:${m[2]}`;
  });
  if (f.has('eta')) parts.push(`eta:${f.number('eta', 0, -Infinity, Infinity)}`);
  const { params, problems } = decodeSamplerParams(def, parts.join(','));
  // The app clamps and reports; the CLI refuses, so drop the codec's "; using <clamped>".
  if (problems.length > 0)
    throw new UsageError(problems.map((p) => p.replace(/; using .*$/, '')).join('; '));
  return params;
}

function samplerParams(id: string, f: Flags): SamplerParams {
  const def = getSampler(id);
  if (!def)
    throw new UsageError(`unknown sampler "${id}"; known: ${SAMPLERS.map((s) => s.id).join(', ')}`);
  return checkedSamplerParams(def, f);
}

export function parseSampleOptions(argv: readonly string[]): SampleOptions {
  const f = new Flags(parseFlags(argv, SAMPLE_FLAGS));
  const asked = f.string('model', 'exact');
  const student = studentId(asked);
  if (student && f.has('dataset'))
    throw new UsageError(`--dataset does not apply to "${asked}", which names its data set`);
  if (student?.steps !== undefined && f.has('steps'))
    throw new UsageError(`--steps does not apply to "${asked}", a ${student.steps}-step student`);
  const model = student?.kind ?? asked;
  const image = model !== 'exact' && !isNetwork2d(model);
  if (image && f.has('dataset'))
    throw new UsageError(`--dataset does not apply to the image model "${model}"`);
  if (!image && (f.has('class') || f.has('guidance')))
    throw new UsageError('--class and --guidance apply to image models only');
  const dataset = student?.dataset ?? f.string('dataset', DEFAULT_SCENE.dataset);
  if (!image && !DATASET_IDS.includes(dataset))
    throw new UsageError(`unknown data set "${dataset}"; known: ${DATASET_IDS.join(', ')}`);
  const sampler = f.string('sampler', DEFAULT_SCENE.sampler);
  const process = f.choice('process', PROCESS_IDS, DEFAULT_SCENE.process);
  if (f.has('shift') && process !== 'flow')
    throw new UsageError('--shift applies to --process flow only');
  const settings: SceneSettings = {
    dataset: image ? model : dataset,
    process,
    ...(process === 'flow' ? { flowShift: f.number('shift', 1, 0.1, 10) } : {}),
    betaSchedule: f.choice('beta', BETA_SCHEDULES, DEFAULT_SCENE.betaSchedule),
    spacing: f.choice('spacing', TIMESTEP_SPACINGS, DEFAULT_SCENE.spacing),
    sigmaGrid: f.choice('grid', SIGMA_GRID_KINDS, DEFAULT_SCENE.sigmaGrid),
    sampler,
    samplerParams: samplerParams(sampler, f),
    steps: student?.steps ?? f.number('steps', DEFAULT_SCENE.steps, 1, MAX_STEPS),
    particles: f.number(
      'n',
      image ? 4 : DEFAULT_SCENE.particles,
      1,
      image ? MAX_IMAGES : MAX_POINTS,
    ),
    seed: f.number('seed', DEFAULT_SCENE.seed, 0, SEED_MAX),
  };
  return {
    settings,
    model,
    trajectory: f.bool('trajectory'),
    backend: f.choice('backend', BACKEND_IDS, 'wasm'),
    ...(image
      ? { classArg: f.string('class', '0'), guidance: f.number('guidance', 1, 0, MAX_GUIDANCE) }
      : {}),
    ...(f.has('models') ? { modelsDir: f.string('models', '') } : {}),
  };
}
