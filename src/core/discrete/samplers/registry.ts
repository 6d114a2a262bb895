import { confidence } from './confidence';
import { d3pmAncestral } from './d3pm-ancestral';
import { mdlmAncestral } from './mdlm-ancestral';
import { remdm } from './remdm';
import { semiAr } from './semi-ar';
import { tauLeaping } from './tau-leaping';
import { decodeSamplerParams } from '../../samplers/params';
import type { SamplerParams } from '../../samplers/types';
import type { DiscreteSamplerDef } from './types';

/** Every discrete sampler, in menu order. */
export const DISCRETE_SAMPLERS: readonly DiscreteSamplerDef[] = [
  d3pmAncestral,
  mdlmAncestral,
  tauLeaping,
  confidence,
  semiAr,
  remdm,
];

const BY_ID = new Map(DISCRETE_SAMPLERS.map((s) => [s.id, s]));
if (BY_ID.size !== DISCRETE_SAMPLERS.length) throw new Error('discrete registry: duplicate ids');

export function requireDiscreteSampler(id: string): DiscreteSamplerDef {
  const def = BY_ID.get(id);
  if (!def) {
    throw new Error(
      `unknown discrete sampler "${id}"; known: ${DISCRETE_SAMPLERS.map((s) => s.id).join(', ')}`,
    );
  }
  return def;
}

/**
 * A sampler and its parameters, defaults filled in, each value checked against the sampler's
 * ParamSpec (samplers/params): an unknown key, a bad value or one out of range throws, naming it.
 */
export function resolveDiscreteSampler(
  id: string,
  params: SamplerParams,
): { def: DiscreteSamplerDef; params: SamplerParams } {
  const def = requireDiscreteSampler(id);
  const text = Object.entries(params)
    .map(([k, v]) => `${k}:${String(v)}`)
    .join(',');
  const decoded = decodeSamplerParams(def, text);
  // The codec clamps and says "; using <clamped>"; a job refuses instead.
  if (decoded.problems.length > 0)
    throw new Error(decoded.problems.map((p) => p.replace(/; using .*$/, '')).join('; '));
  return { def, params: decoded.params };
}
