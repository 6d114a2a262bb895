import type { SamplerDef } from '../core/samplers/types';
import type { TextField } from './urlFields';

/**
 * Every parameter key any sampler has, in registry order (a unit test keeps the list equal to
 * the registry's), spelled out so that each one's URL field has a name the types know.
 */
export const SAMPLER_PARAM_KEYS = [
  'variance',
  'eta',
  'sNoise',
  'sChurn',
  'sTmin',
  'sTmax',
  'order',
  'maxOrder',
  'rtol',
  'atol',
  'solverType',
  'corrector',
  'coordinates',
  'predictor',
  'snr',
  'correctorSteps',
  'stepsPerLevel',
  'epsRatio',
] as const;
export type SamplerParamKey = (typeof SAMPLER_PARAM_KEYS)[number];
export type SamplerFieldName = SamplerParamKey | `${SamplerParamKey}2`;

/** The URL name of a sampler parameter: `eta` for the first sampler, `eta2` for the second. */
export function samplerParamField<K extends string>(key: K, which: 1 | 2): K | `${K}2` {
  return which === 1 ? key : `${key}2`;
}

/**
 * One top-level URL field per sampler parameter and lane (`eta=0.5`, `order2=3`). The empty
 * default means "the sampler's own default"; a value is checked against the chosen sampler's
 * ParamSpec (its type and bounds) when the scene is built, and reported if that sampler has no
 * such parameter (see state/scene.ts).
 */
export const SAMPLER_FIELDS: readonly TextField<SamplerFieldName>[] = ([1, 2] as const).flatMap(
  (which) =>
    SAMPLER_PARAM_KEYS.map((key) => ({
      name: samplerParamField(key, which),
      kind: 'text' as const,
      maxLength: 32,
      default: '',
    })),
);

export const SAMPLER_FIELD_NAMES: readonly SamplerFieldName[] = SAMPLER_FIELDS.map((f) => f.name);

type SamplerFieldValues = Record<SamplerFieldName, string>;

/** The sampler's parameters as set in the URL, in the `key:value,…` text of core/samplers/params. */
export function samplerParamText(p: SamplerFieldValues, which: 1 | 2): string {
  return SAMPLER_PARAM_KEYS.flatMap((key) => {
    const v = p[samplerParamField(key, which)];
    return v === '' ? [] : [`${key}:${v}`];
  }).join(',');
}

/**
 * The URL update that sets one parameter of the sampler `def` (its default clears the field);
 * none for a key that is not a sampler parameter.
 */
export function samplerParamUpdate(
  def: SamplerDef,
  which: 1 | 2,
  key: string,
  value: number | string | boolean,
): Partial<SamplerFieldValues> {
  const known = SAMPLER_PARAM_KEYS.find((k) => k === key);
  if (!known) return {};
  return { [samplerParamField(known, which)]: value === def.defaults[key] ? '' : String(value) };
}

/** The URL update that clears every sampler parameter of a lane (on a change of sampler). */
export function clearedSamplerParams(which: 1 | 2): Partial<SamplerFieldValues> {
  return Object.fromEntries(SAMPLER_PARAM_KEYS.map((key) => [samplerParamField(key, which), '']));
}
