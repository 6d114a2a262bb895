import { DISCRETE_DATA_IDS } from '../core/discrete/datasets';
import { DISCRETE_SAMPLERS } from '../core/discrete/samplers/registry';
import type { Field } from './urlFields';

export const DISCRETE_MODELS = ['network', 'exact'] as const;
export const DISCRETE_PROCESSES = ['absorbing', 'uniform', 'gaussian'] as const;
export const DISCRETE_SCHEDULES = ['log-linear', 'cosine', 'mutual-information', 'linear'] as const;
export const MAX_DISCRETE_COUNT = 256;
/** The held-out digits an infilling template can come from (public/data/digits8x8.json). */
export const MAX_DIGIT_SOURCE = 358;

/** dfix: letters a–z and '.' (END) fix a position, '_' leaves it free; at most 12 characters. */
function checkNamePattern(raw: string): string[] {
  if (raw.length > 12) return [`dfix: "${raw}" is longer than a name's 12 positions`];
  const bad = [...raw].filter((c) => !/[a-z._]/.test(c));
  return bad.length
    ? [
        `dfix: "${bad.join('')}" not allowed; use a–z to fix a letter, '.' the end, '_' a free position`,
      ]
    : [];
}

/** dpaint: the digit's 64 fixed pixels as 16 hex digits (bit l of the 64-bit number: pixel l). */
function checkPaintMask(raw: string): string[] {
  return raw === '' || /^[0-9a-f]{16}$/.test(raw)
    ? []
    : [`dpaint: "${raw}" is not 16 lower-case hex digits (one bit per pixel)`];
}

/** The discrete view's URL fields (appended to FIELDS). */
export const DISCRETE_FIELDS = [
  { name: 'dset', kind: 'choice', choices: DISCRETE_DATA_IDS, default: 'names' },
  { name: 'dmodel', kind: 'choice', choices: DISCRETE_MODELS, default: 'network' },
  {
    name: 'dsampler',
    kind: 'choice',
    choices: DISCRETE_SAMPLERS.map((s) => s.id),
    default: 'mdlm-ancestral',
  },
  /** The sampler's own parameters as `key:value,…` (core/samplers/params.ts). */
  { name: 'dparams', kind: 'text', maxLength: 120, default: '' },
  { name: 'dsteps', kind: 'int', min: 1, max: 1000, default: 32 },
  { name: 'dcount', kind: 'int', min: 1, max: MAX_DISCRETE_COUNT, default: 64 },
  { name: 'dseed', kind: 'int', min: 0, max: 2 ** 31 - 1, default: 0 },
  /** Digit class 0..9 (−1: any); the exact model then uses that class's digits. */
  { name: 'dclass', kind: 'int', min: -1, max: 9, default: -1 },
  { name: 'dguide', kind: 'number', min: 0, max: 8, default: 1 },
  { name: 'dproc', kind: 'choice', choices: DISCRETE_PROCESSES, default: 'absorbing' },
  { name: 'dsched', kind: 'choice', choices: DISCRETE_SCHEDULES, default: 'log-linear' },
  /** The forward panel's time as a fraction of T. */
  { name: 'dt', kind: 'number', min: 0, max: 1, default: 0.5 },
  { name: 'dfix', kind: 'text', maxLength: 12, default: '', check: checkNamePattern },
  { name: 'dpaint', kind: 'text', maxLength: 16, default: '', check: checkPaintMask },
  { name: 'dsrc', kind: 'int', min: 0, max: MAX_DIGIT_SOURCE, default: 0 },
] as const satisfies readonly Field[];
