import type { SweepMetric } from '../core/lab/report';
import type { Field } from './urlFields';
import { DEFAULT_BUDGETS, DEFAULT_LANES } from './labLanes';

/** The sweep's error metrics, in the order the lab offers them. */
export const SWEEP_METRICS = ['endpoint', 'slicedW1', 'energy'] as const satisfies SweepMetric[];

/** URL fields of the lab view (appended to FIELDS); the scene fields (dataset, process, n, seed…) are shared. */
export const LAB_FIELDS = [
  /** The samplers, e.g. "euler;dpm-solver/order:2" (labLanes.ts). */
  { name: 'lanes', kind: 'text', maxLength: 300, default: DEFAULT_LANES },
  /** NFE budget of the lockstep run. */
  { name: 'lnfe', kind: 'int', min: 1, max: 1000, default: 16 },
  /** NFE budgets of the error-vs-NFE sweep. */
  { name: 'lbudgets', kind: 'text', maxLength: 200, default: DEFAULT_BUDGETS },
  /** Particles of the sweep (the first ones of the scene's x_T). */
  { name: 'lsweepn', kind: 'int', min: 16, max: 4000, default: 256 },
  /** rtol = atol of the RK45 reference. */
  { name: 'ltol', kind: 'number', min: 1e-12, max: 1e-3, default: 1e-9 },
  { name: 'lmetric', kind: 'choice', choices: SWEEP_METRICS, default: 'endpoint' },
  /** Cells per axis of the likelihood grid. */
  { name: 'lgrid', kind: 'int', min: 8, max: 128, default: 40 },
  /** Start the sweep as soon as the worker is ready (reproducing links). */
  { name: 'lauto', kind: 'bool', default: false },
  /** The lane whose sampler the step-grid comparison runs. */
  { name: 'lglane', kind: 'int', min: 0, max: 5, default: 0 },
  /** The debugger's lane and particle. */
  { name: 'ldlane', kind: 'int', min: 0, max: 5, default: 0 },
  { name: 'ldpart', kind: 'int', min: 0, max: 19_999, default: 0 },
] as const satisfies readonly Field[];
