import type { BetaScheduleKind } from '../schedules/betas';
import type { SigmaGridKind } from '../schedules/grid';
import type { TimestepSpacing } from '../schedules/spacing';
import type { Region } from '../guidance/region';
import type { SamplerParams } from '../samplers/types';

/**
 * The processes a 2D scene can run on. 'vp-discrete' is the DDPM chain with 1000 steps;
 * 'flow' is rectified flow x_t = (1 − t)x0 + tε (schedules/flow.ts).
 */
export const PROCESS_IDS = ['vp-discrete', 'vp', 'subvp', 've', 'edm', 'flow'] as const;
export type ProcessId = (typeof PROCESS_IDS)[number];

/** Everything that defines one 2D sampling run; the same seed gives the same x_T everywhere. */
export interface SceneSettings {
  dataset: string;
  process: ProcessId;
  /** Discrete VP only. */
  betaSchedule: BetaScheduleKind;
  /** Discrete VP only: which training timesteps the sampler visits. */
  spacing: TimestepSpacing;
  /** Continuous processes only: how σ is spaced between σ_max and σ_min. */
  sigmaGrid: SigmaGridKind;
  /** Flow only: the SD3 / Flux time shift α (schedules/flow.ts); 1 when absent. */
  flowShift?: number;
  sampler: string;
  samplerParams: SamplerParams;
  steps: number;
  particles: number;
  seed: number;
  /** Continuous processes: where the σ grid starts (default: the process's σ(t_max)). */
  sigmaMax?: number;
  /**
   * Continuous processes: an explicit grid σ_0 > … > σ_{N−1} > 0 (then 0), e.g. one the lab
   * optimised for a sampler; used instead of `sigmaGrid` wherever `steps` is its length N.
   */
  customSigmas?: readonly number[];
  /**
   * Sample the data restricted to this region (docs/GUIDANCE.md): exact guidance on the exact
   * model, reconstruction guidance of scale regionZeta on a network.
   */
  region?: Region;
  regionZeta?: number;
  /**
   * Guide to a class, a component of a Gaussian-mixture data set (docs/GUIDANCE.md): classifier
   * guidance with the exact mixture classifier, or CFG (exact model only), at `scale`.
   */
  classGuide?: { mode: 'cfg' | 'classifier'; classId: number; scale: number };
}

export const DEFAULT_SCENE: SceneSettings = {
  dataset: 'swissroll',
  process: 'vp-discrete',
  betaSchedule: 'linear',
  spacing: 'trailing',
  sigmaGrid: 'karras',
  sampler: 'euler',
  samplerParams: {},
  steps: 50,
  particles: 2000,
  seed: 0,
};
