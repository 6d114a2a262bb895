import { DATASET_IDS } from '../core/data';
import { BETA_SCHEDULES } from '../core/schedules/betas';
import { SIGMA_GRID_KINDS } from '../core/schedules/grid';
import { TIMESTEP_SPACINGS } from '../core/schedules/spacing';
import { PROCESS_IDS } from '../core/scene/settings';
import { DEFAULT_SCENE } from '../core/scene/settings';
import { SAMPLERS } from '../core/samplers/registry';
import { BACKENDS, MAX_WASM_THREADS } from '../worker/protocol';
import type { Field, ParamsOf } from './urlFields';
import { IMAGE_FIELDS, IMAGE_MODELS } from './imageFields';
import { LAB_FIELDS } from './labFields';
import { TRAIN_FIELDS } from './trainFields';
import { FLOW_FIELDS } from './flowFields';
import { SAMPLER_FIELDS } from './samplerFields';
import { PLAYGROUND_FIELDS } from './playgroundFields';
import { DISCRETE_FIELDS } from './discreteFields';
import { MANIFOLD_FIELDS } from './manifoldFields';
import { LATENT_FIELDS } from './latentFields';
import { GUIDANCE_FIELDS } from './guidanceFields';
import { COURSE_FIELDS } from './courseFields';

export const VIEWS = [
  'reverse',
  'forward',
  'compare',
  'schedules',
  'lab',
  'images',
  'train',
  'mesh',
  'discrete',
  'manifold',
  'latent',
  'course',
] as const;
export const MODELS_2D = [
  'exact',
  'mlp',
  'fm',
  'reflow',
  'distill',
  'consistency',
  'trained',
] as const;
export const MAX_PARTICLES = 20_000;

/** Every URL-addressable parameter of the app: name, type, default and bounds. */
export const FIELDS = [
  { name: 'backend', kind: 'choice', choices: ['auto', ...BACKENDS], default: 'auto' },
  /** WASM threads; 0 = auto (the cores less one). */
  { name: 'threads', kind: 'int', min: 0, max: MAX_WASM_THREADS, default: 0 },
  { name: 'view', kind: 'choice', choices: VIEWS, default: 'reverse' },
  {
    name: 'dataset',
    kind: 'choice',
    choices: [...DATASET_IDS, 'custom'],
    default: DEFAULT_SCENE.dataset,
  },
  { name: 'model', kind: 'choice', choices: [...MODELS_2D, ...IMAGE_MODELS], default: 'exact' },
  { name: 'process', kind: 'choice', choices: PROCESS_IDS, default: DEFAULT_SCENE.process },
  {
    name: 'schedule',
    kind: 'choice',
    choices: BETA_SCHEDULES,
    default: DEFAULT_SCENE.betaSchedule,
  },
  { name: 'spacing', kind: 'choice', choices: TIMESTEP_SPACINGS, default: DEFAULT_SCENE.spacing },
  { name: 'grid', kind: 'choice', choices: SIGMA_GRID_KINDS, default: DEFAULT_SCENE.sigmaGrid },
  {
    name: 'sampler',
    kind: 'choice',
    choices: SAMPLERS.map((s) => s.id),
    default: DEFAULT_SCENE.sampler,
  },
  {
    name: 'sampler2',
    kind: 'choice',
    choices: SAMPLERS.map((s) => s.id),
    default: 'euler-maruyama',
  },
  { name: 'steps', kind: 'int', min: 1, max: 1000, default: DEFAULT_SCENE.steps },
  { name: 'n', kind: 'int', min: 100, max: MAX_PARTICLES, default: DEFAULT_SCENE.particles },
  { name: 'seed', kind: 'int', min: 0, max: 2 ** 31 - 1, default: DEFAULT_SCENE.seed },
  { name: 't', kind: 'number', min: 0, max: 1, default: 0.3 },
  { name: 'speed', kind: 'number', min: 0.25, max: 8, default: 1 },
  { name: 'field', kind: 'bool', default: true },
  { name: 'ghosts', kind: 'bool', default: false },
  { name: 'trails', kind: 'bool', default: true },
  { name: 'density', kind: 'bool', default: false },
  /** σ_max of a continuous process's grid; 0 (the default) keeps the process's own. */
  { name: 'sigma_max', kind: 'number', min: 1, max: 1000, default: 0 },
  /** An explicit σ grid, comma-separated (core/schedules/grid.ts parseSigmaList); '' = `grid`. */
  { name: 'sigmas', kind: 'text', maxLength: 1200, default: '' },
  ...IMAGE_FIELDS,
  ...LAB_FIELDS,
  ...TRAIN_FIELDS,
  ...FLOW_FIELDS,
  ...SAMPLER_FIELDS,
  ...PLAYGROUND_FIELDS,
  ...DISCRETE_FIELDS,
  ...MANIFOLD_FIELDS,
  ...LATENT_FIELDS,
  ...GUIDANCE_FIELDS,
  ...COURSE_FIELDS,
] as const satisfies readonly Field[];

/** The app's parameters, each typed by its field's kind (see ValueOf in urlFields.ts). */
export type Params = ParamsOf<typeof FIELDS>;
export type ParamName = keyof Params;
/** The names of the parameters whose value is a `V` (e.g. the number fields). */
export type ParamNameOf<V> = { [K in ParamName]: Params[K] extends V ? K : never }[ParamName];

/** The named parameters only, for a view's selector (compared field by field). */
export function pickParams<const K extends readonly ParamName[]>(
  params: Params,
  names: K,
): Pick<Params, K[number]> {
  return Object.fromEntries(names.map((k) => [k, params[k]])) as Pick<Params, K[number]>;
}
