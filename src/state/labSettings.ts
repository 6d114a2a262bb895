import type { LaneSpec, LockstepScene } from '../core/lab/lockstep';
import type { SweepMetric } from '../core/lab/report';
import type { SceneSettings } from '../core/scene/settings';
import { isStudent2d, studentElsewhereNotice, type StudentModel2d } from '../worker/protocol';
import { decodeBudgets, decodeLanes } from './labLanes';
import { model2d, SCENE_PARAMS, sceneFromParams } from './scene';
import type { Params } from './fields';

export interface LabSettings {
  scene: LockstepScene;
  /**
   * The lockstep panels' model (the shared `model` field); the reference stays exact. The
   * distilled students run their own steps, not the lab's budget: they map to 'exact'.
   */
  model: Exclude<ReturnType<typeof model2d>, StudentModel2d>;
  lanes: LaneSpec[];
  budget: number;
  budgets: number[];
  sweepParticles: number;
  tolerance: number;
  metric: SweepMetric;
  gridSize: number;
  /** The lane of the step-grid comparison (lglane, at most the last lane). */
  gridLane: number;
  problems: string[];
}

/** The fields the lab's settings are made of: the scene's, the model and the lab's own. */
export const LAB_PARAMS = [
  ...SCENE_PARAMS,
  'model',
  'lanes',
  'lbudgets',
  'lnfe',
  'lsweepn',
  'ltol',
  'lmetric',
  'lgrid',
  'lglane',
] as const;

/** The lab's settings from the URL params: the shared scene fields plus the lab's own (labFields.ts). */
export function labFromParams(p: Pick<Params, (typeof LAB_PARAMS)[number]>): LabSettings {
  const { settings } = sceneFromParams(p, 1);
  const { sampler: _s, samplerParams: _p, steps: _n, ...scene } = settings;
  const lanes = decodeLanes(p.lanes);
  const budgets = decodeBudgets(p.lbudgets);
  const asked = model2d(p);
  const model = isStudent2d(asked) ? 'exact' : asked;
  const modelProblems = isStudent2d(asked) ? [studentElsewhereNotice(asked, "lab's panels")] : [];
  return {
    scene,
    model,
    lanes: lanes.lanes,
    budget: p.lnfe,
    budgets: budgets.budgets,
    sweepParticles: p.lsweepn,
    tolerance: p.ltol,
    metric: p.lmetric,
    gridSize: p.lgrid,
    gridLane: Math.min(p.lglane, Math.max(0, lanes.lanes.length - 1)),
    problems: [...modelProblems, ...lanes.problems, ...budgets.problems],
  };
}

/** Full scene settings for a job whose sampler fields are ignored (lab jobs take their own lanes). */
export function jobScene(scene: LockstepScene, particles = scene.particles): SceneSettings {
  return { ...scene, particles, sampler: 'euler', samplerParams: {}, steps: 1 };
}
