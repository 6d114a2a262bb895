import { ADAPTIVE_SAMPLERS } from '../samplers/registry';
import type { SamplerParams, SamplingGrid } from '../samplers/types';
import { makeGrid, makeProcess, resolveSampler } from '../scene/build';
import type { SceneSettings } from '../scene/settings';
import { planBudget, type BudgetPlan } from './budget';

/**
 * The samplers the lab does not offer as lanes: rk45 is the reference itself, the other adaptive
 * ones pick their own NFE (no equal-budget lane), ddim-inversion maps data to noise.
 */
export const LAB_EXCLUDED: ReadonlySet<string> = new Set([...ADAPTIVE_SAMPLERS, 'ddim-inversion']);
export const MIN_LANES = 2;
export const MAX_LANES = 6;

export interface LaneSpec {
  id: string;
  params: SamplerParams;
}

export interface LanePlan extends BudgetPlan {
  id: string;
  /** Parameters with the sampler's defaults filled in. */
  params: SamplerParams;
  stochastic: boolean;
  grid: SamplingGrid;
}

export type LockstepScene = Omit<SceneSettings, 'sampler' | 'samplerParams' | 'steps'>;

/**
 * Equal-cost lanes: every sampler runs on the scene's process and grid kind at the same NFE
 * budget (planBudget), so a sampler costing two evaluations per step gets about half the
 * steps. All lanes start from the same x_T = σ_max·z (same seed) and draw the same noise
 * streams; only the step count differs.
 */
export function planLanes(
  scene: LockstepScene,
  lanes: readonly LaneSpec[],
  budget: number,
): LanePlan[] {
  if (lanes.length < MIN_LANES || lanes.length > MAX_LANES)
    throw new Error(`lockstep: choose ${MIN_LANES} to ${MAX_LANES} samplers, got ${lanes.length}`);
  const process = makeProcess(scene);
  const gridFor = (steps: number) =>
    makeGrid({ ...scene, sampler: '', samplerParams: {}, steps }, process);
  return lanes.map((lane) => {
    if (LAB_EXCLUDED.has(lane.id))
      throw new Error(`lockstep: ${lane.id} is not offered in the lab (see LAB_EXCLUDED)`);
    const { def, params } = resolveSampler(lane.id, lane.params);
    const plan = planBudget(def, params, budget, gridFor);
    return {
      ...plan,
      id: lane.id,
      params,
      stochastic: def.stochastic(params),
      grid: gridFor(plan.steps),
    };
  });
}

/**
 * Which lane moves next so that lanes advance together in σ (panels stay synced by noise
 * level, not by step index): the unfinished lane at the highest current σ, the lowest
 * index on ties; −1 when every lane is done. `current[k]` is lane k's σ, null when done.
 */
export function nextLane(current: readonly (number | null)[]): number {
  let best = -1;
  for (let k = 0; k < current.length; k++) {
    const s = current[k];
    if (s === null) continue;
    if (best === -1 || s > (current[best] as number)) best = k;
  }
  return best;
}

/**
 * A short fingerprint of an array's float32 values (FNV-1a over their bit patterns, 8 hex
 * digits): equal arrays give equal fingerprints, so panels can show that they start from
 * the same x_T.
 */
export function fingerprint(values: ArrayLike<number>): string {
  const f32 = Float32Array.from(values as ArrayLike<number>);
  const bytes = new Uint8Array(f32.buffer);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** A lane's name for legends and tables: the id, its order if it has one, then parameters that differ from the defaults. */
export function laneLabel(id: string, params: SamplerParams): string {
  const { def, params: full } = resolveSampler(id, params);
  const changed = Object.keys(full)
    .filter((k) => k === 'order' || full[k] !== def.defaults[k])
    .map((k) => `${k}=${String(full[k])}`);
  return changed.length > 0 ? `${id} (${changed.join(', ')})` : id;
}
