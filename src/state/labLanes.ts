import { LAB_EXCLUDED, MAX_LANES, MIN_LANES, type LaneSpec } from '../core/lab/lockstep';
import { decodeSamplerParams, encodeSamplerParams } from '../core/samplers/params';
import { getSampler, requireSampler } from '../core/samplers/registry';

/**
 * The lab's samplers as URL text: lanes separated by ';', each `id` or `id/params` with the
 * sampler's own parameter text (samplers/params.ts), e.g. "euler;dpm-solver/order:2".
 */
export const DEFAULT_LANES = 'euler;heun;dpmpp-2m;unipc';
export const DEFAULT_BUDGETS = '8,16,32,64,128,256,512';
export const MAX_BUDGET = 2000;

export function encodeLanes(lanes: readonly LaneSpec[]): string {
  return lanes
    .map((l) => {
      const text = encodeSamplerParams(requireSampler(l.id), l.params);
      return text ? `${l.id}/${text}` : l.id;
    })
    .join(';');
}

/** Lanes from URL text; unknown or excluded samplers are dropped, a bad count falls back, each reported. */
export function decodeLanes(text: string): { lanes: LaneSpec[]; problems: string[] } {
  const problems: string[] = [];
  const lanes: LaneSpec[] = [];
  for (const part of text.split(';').filter((p) => p.trim() !== '')) {
    const slash = part.indexOf('/');
    const id = slash < 0 ? part : part.slice(0, slash);
    const def = getSampler(id);
    if (!def || LAB_EXCLUDED.has(id)) {
      problems.push(`lab: sampler "${id}" is not offered in the lab; dropped`);
      continue;
    }
    const decoded = decodeSamplerParams(def, slash < 0 ? '' : part.slice(slash + 1));
    problems.push(...decoded.problems);
    lanes.push({ id, params: decoded.params });
  }
  if (lanes.length > MAX_LANES) {
    problems.push(`lab: at most ${MAX_LANES} samplers; kept the first ${MAX_LANES}`);
    lanes.length = MAX_LANES;
  }
  if (lanes.length < MIN_LANES) {
    problems.push(`lab: needs at least ${MIN_LANES} samplers; using ${DEFAULT_LANES}`);
    return { lanes: decodeLanes(DEFAULT_LANES).lanes, problems };
  }
  return { lanes, problems };
}

/** Sweep budgets from "8,16,32": integers 1..MAX_BUDGET, sorted, distinct, at least 3 (a fit needs 3). */
export function decodeBudgets(text: string): { budgets: number[]; problems: string[] } {
  const problems: string[] = [];
  const values = new Set<number>();
  for (const part of text.split(',').filter((p) => p.trim() !== '')) {
    const v = Number(part);
    if (!Number.isInteger(v) || v < 1 || v > MAX_BUDGET) {
      problems.push(`lab: budget "${part}" is not an integer in 1..${MAX_BUDGET}; dropped`);
      continue;
    }
    values.add(v);
  }
  if (values.size < 3) {
    problems.push(`lab: the sweep needs at least 3 budgets; using ${DEFAULT_BUDGETS}`);
    return { budgets: DEFAULT_BUDGETS.split(',').map(Number), problems };
  }
  return { budgets: [...values].sort((a, b) => a - b), problems };
}
