import { confidence } from './confidence';
import { d3pmAncestral } from './d3pm-ancestral';
import { mdlmAncestral } from './mdlm-ancestral';
import { remdm } from './remdm';
import { semiAr } from './semi-ar';
import { tauLeaping } from './tau-leaping';
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
