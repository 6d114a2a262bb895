import { DISCRETE_DATA, DISCRETE_T } from '../core/discrete/datasets';
import { DISCRETE_SAMPLERS } from '../core/discrete/samplers/registry';
import type { DiscreteSamplerDef } from '../core/discrete/samplers/types';
import type { SamplerParams } from '../core/samplers/types';
import { Flags, parseFlags, UsageError } from './args';
import { SEED_MAX } from './format';
import { BACKEND_IDS, checkedSamplerParams, MAX_GUIDANCE } from './sampleOptions';

/** The discrete data sets (core's DISCRETE_DATA) with their titles. */
export const DISCRETE_DATASETS = {
  names: {
    ...DISCRETE_DATA.names,
    title: 'First names, a–z padded with END (public/data/names.json)',
  },
  digits: {
    ...DISCRETE_DATA.digits,
    title: 'UCI 8×8 digits, 17 grey levels 0..16 (public/data/digits8x8.json)',
  },
} as const;
export type DiscreteDatasetId = keyof typeof DISCRETE_DATASETS;
export const DISCRETE_DATASET_IDS = Object.keys(DISCRETE_DATASETS) as DiscreteDatasetId[];

export { DISCRETE_T };
export const DEFAULT_DISCRETE_SAMPLER = 'mdlm-ancestral';
export const DEFAULT_DISCRETE_STEPS = 32;
export const DEFAULT_DISCRETE_COUNT = 16;
export const MAX_DISCRETE_COUNT = 10_000;

export const DISCRETE_FLAGS = {
  discrete: 'string',
  model: 'string',
  sampler: 'string',
  param: 'list',
  steps: 'int',
  count: 'int',
  n: 'int',
  seed: 'int',
  class: 'int',
  guidance: 'number',
  prefix: 'string',
  backend: 'string',
  models: 'string',
  out: 'string',
} as const;

export interface DiscreteOptions {
  dataset: DiscreteDatasetId;
  /** 'exact' or the id of a shipped discrete network (checked against the manifest later). */
  model: string;
  sampler: DiscreteSamplerDef;
  params: SamplerParams;
  steps: number;
  count: number;
  seed: number;
  /** digits: the class to sample (exact: the training digits of that class). */
  classId?: number;
  /** Classifier-free guidance w of a class-conditional network. */
  guidance?: number;
  /** names: the letters that the first positions keep (infilling). */
  prefix?: string;
  backend: (typeof BACKEND_IDS)[number];
  modelsDir?: string;
}

/** `-n` is `--count`: parseFlags reads `--` flags only. */
function normaliseArgv(argv: readonly string[]): string[] {
  return argv.map((a) =>
    a === '-n' ? '--count' : a.startsWith('-n=') ? `--count${a.slice(2)}` : a,
  );
}

export function discreteSamplerIds(): string {
  return DISCRETE_SAMPLERS.map((s) => s.id).join(', ');
}

export function parseDiscreteOptions(argv: readonly string[]): DiscreteOptions {
  const f = new Flags(parseFlags(normaliseArgv(argv), DISCRETE_FLAGS));
  const dataset = f.string('discrete', '');
  if (!(DISCRETE_DATASET_IDS as string[]).includes(dataset))
    throw new UsageError(
      `unknown discrete data set "${dataset}"; --discrete takes ${DISCRETE_DATASET_IDS.join(', ')}`,
    );
  const data = DISCRETE_DATASETS[dataset as DiscreteDatasetId];
  const model = f.string('model', 'exact');
  const samplerId = f.string('sampler', DEFAULT_DISCRETE_SAMPLER);
  const sampler = DISCRETE_SAMPLERS.find((s) => s.id === samplerId);
  if (!sampler)
    throw new UsageError(`unknown discrete sampler "${samplerId}"; known: ${discreteSamplerIds()}`);
  if (!sampler.processes.includes('absorbing'))
    throw new UsageError(`discrete sampler "${samplerId}" does not run on the absorbing process`);
  if (f.has('count') && f.has('n')) throw new UsageError('give either -n/--count or --n, not both');
  const count = f.has('n')
    ? f.number('n', DEFAULT_DISCRETE_COUNT, 1, MAX_DISCRETE_COUNT)
    : f.number('count', DEFAULT_DISCRETE_COUNT, 1, MAX_DISCRETE_COUNT);
  if (f.has('class') && data.classes === 0)
    throw new UsageError(`--class applies to --discrete digits only`);
  const classId = f.has('class') ? f.number('class', 0, 0, data.classes - 1) : undefined;
  if (f.has('guidance') && (model === 'exact' || classId === undefined))
    throw new UsageError('--guidance applies to a class-conditional network with --class');
  if (f.has('prefix') && dataset !== 'names')
    throw new UsageError('--prefix applies to --discrete names only');
  const prefix = f.has('prefix') ? f.string('prefix', '') : undefined;
  if (prefix !== undefined && !new RegExp(`^[a-z]{1,${data.L}}$`).test(prefix))
    throw new UsageError(`--prefix must be 1..${data.L} letters a–z, got "${prefix}"`);
  return {
    dataset: dataset as DiscreteDatasetId,
    model,
    sampler,
    params: checkedSamplerParams(sampler, f),
    steps: f.number('steps', DEFAULT_DISCRETE_STEPS, 1, DISCRETE_T),
    count,
    seed: f.number('seed', 0, 0, SEED_MAX),
    ...(classId === undefined ? {} : { classId }),
    ...(f.has('guidance') ? { guidance: f.number('guidance', 0, 0, MAX_GUIDANCE) } : {}),
    ...(prefix === undefined ? {} : { prefix }),
    backend: f.choice('backend', BACKEND_IDS, 'wasm'),
    ...(f.has('models') ? { modelsDir: f.string('models', '') } : {}),
  };
}
