import { BETA_SCHEDULES, type BetaScheduleKind } from '../../core/schedules/betas';
import { makeDiscreteVP, type DiscreteVPSchedule } from '../../core/schedules/discreteVP';
import type { DiscreteScheduleSpec } from '../manifest';
import type { Mlp2dArchitecture } from '../mlp2d';
import { OBJECTIVES, type Objective } from './objectives';

/**
 * Everything a training run depends on. The defaults are the shipped models' settings
 * (training/train_mlp2d.py and training/mlp2d_model.py), except that the learning rate stays
 * constant (an interactive run has no planned end for a cosine decay to aim at).
 */
export interface TrainConfig {
  objective: Objective;
  schedule: DiscreteScheduleSpec;
  hidden: number;
  layers: number;
  timeEmbedding: 'sinusoidal' | 'fourier';
  timeDim: number;
  tembDim: number;
  /** Std of the random Fourier frequencies, in cycles over the whole range t ∈ [0, T − 1]. */
  fourierScale: number;
  learningRate: number;
  batch: number;
  emaDecay: number;
  seed: number;
}

export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  objective: 'eps',
  schedule: { kind: 'linear', T: 1000, beta_start: 1e-4, beta_end: 0.02 },
  hidden: 128,
  layers: 3,
  timeEmbedding: 'sinusoidal',
  timeDim: 32,
  tembDim: 64,
  fourierScale: 16,
  learningRate: 2e-3,
  batch: 256,
  emaDecay: 0.999,
  seed: 0,
};

const positiveInt = (v: unknown): boolean => Number.isInteger(v) && (v as number) > 0;

/** Fills defaults and rejects values a run cannot use, naming the field. */
export function resolveTrainConfig(partial: Partial<TrainConfig>): TrainConfig {
  const c: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, ...partial };
  const fail = (what: string) => new Error(`training settings: ${what}`);
  if (!OBJECTIVES.includes(c.objective))
    throw fail(`unknown objective "${c.objective}"; valid: ${OBJECTIVES.join(', ')}`);
  if (!BETA_SCHEDULES.includes(c.schedule.kind as BetaScheduleKind))
    throw fail(`unknown schedule "${c.schedule.kind}"; valid: ${BETA_SCHEDULES.join(', ')}`);
  if (!Number.isInteger(c.schedule.T) || c.schedule.T < 2)
    throw fail(`the schedule needs an integer T ≥ 2, got ${c.schedule.T}`);
  for (const key of ['hidden', 'layers', 'timeDim', 'tembDim', 'batch'] as const) {
    if (!positiveInt(c[key])) throw fail(`${key} must be a positive integer, got ${c[key]}`);
  }
  if (c.timeDim % 2 !== 0) throw fail(`timeDim must be even, got ${c.timeDim}`);
  if (c.timeEmbedding !== 'sinusoidal' && c.timeEmbedding !== 'fourier')
    throw fail(`time embedding must be sinusoidal or fourier, got "${c.timeEmbedding}"`);
  if (!(c.learningRate > 0)) throw fail(`learning rate must be > 0, got ${c.learningRate}`);
  if (!(c.emaDecay >= 0 && c.emaDecay < 1))
    throw fail(`EMA decay must be in [0, 1), got ${c.emaDecay}`);
  if (!(c.fourierScale > 0)) throw fail(`Fourier scale must be > 0, got ${c.fourierScale}`);
  if (!Number.isInteger(c.seed)) throw fail(`seed must be an integer, got ${c.seed}`);
  return c;
}

export function architectureOf(c: TrainConfig): Mlp2dArchitecture {
  return {
    kind: 'mlp2d',
    timeDim: c.timeDim,
    tembDim: c.tembDim,
    hidden: c.hidden,
    layers: c.layers,
    timeEmbedding: c.timeEmbedding,
  };
}

export function scheduleOf(spec: DiscreteScheduleSpec): DiscreteVPSchedule {
  return makeDiscreteVP({
    kind: spec.kind as BetaScheduleKind,
    numTrainTimesteps: spec.T,
    betaStart: spec.beta_start,
    betaEnd: spec.beta_end,
  });
}
