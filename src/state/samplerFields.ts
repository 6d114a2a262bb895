import { SAMPLERS } from '../core/samplers/registry';
import type { SamplerDef } from '../core/samplers/types';
import type { Field, Params } from './urlFields';

/** Every parameter key any sampler has (eta, order, sChurn, snr, rtol, …), in registry order. */
export const SAMPLER_PARAM_KEYS: readonly string[] = [
  ...new Set(SAMPLERS.flatMap((s) => s.params.map((p) => p.key))),
];

/** The URL name of a sampler parameter: `eta` for the first sampler, `eta2` for the second. */
export function samplerParamField(key: string, which: 1 | 2): string {
  return which === 1 ? key : `${key}2`;
}

/**
 * One top-level URL field per sampler parameter and lane (`eta=0.5`, `order2=3`). The empty
 * default means "the sampler's own default"; a value is checked against the chosen sampler's
 * ParamSpec (its type and bounds) when the scene is built, and reported if that sampler has no
 * such parameter (see state/scene.ts).
 */
export const SAMPLER_FIELDS: readonly Field[] = ([1, 2] as const).flatMap((which) =>
  SAMPLER_PARAM_KEYS.map((key): Field => ({
    name: samplerParamField(key, which),
    kind: 'text',
    maxLength: 32,
    default: '',
  })),
);

/** The sampler's parameters as set in the URL, in the `key:value,…` text of core/samplers/params. */
export function samplerParamText(p: Params, which: 1 | 2): string {
  return SAMPLER_PARAM_KEYS.flatMap((key) => {
    const v = p[samplerParamField(key, which)];
    return v === undefined || v === '' ? [] : [`${key}:${String(v)}`];
  }).join(',');
}

/** URL updates that set one parameter (the sampler's default clears the field). */
export function samplerParamUpdate(
  def: SamplerDef,
  which: 1 | 2,
  key: string,
  value: number | string | boolean,
): [string, string] {
  return [samplerParamField(key, which), value === def.defaults[key] ? '' : String(value)];
}

/** URL updates that clear every sampler parameter of a lane (on a change of sampler). */
export function clearedSamplerParams(which: 1 | 2): [string, string][] {
  return SAMPLER_PARAM_KEYS.map((key) => [samplerParamField(key, which), '']);
}
