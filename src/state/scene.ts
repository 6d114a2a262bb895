import type { SceneSettings } from '../core/scene/settings';
import { decodeSamplerParams } from '../core/samplers/params';
import { requireSampler } from '../core/samplers/registry';
import { samplerParamText } from './samplerFields';
import { MODELS_2D } from './fields';
import type { Params } from './fields';

/** Scene settings from URL params; `which` picks the primary or the comparison sampler. */
export function sceneFromParams(
  p: Params,
  which: 1 | 2 = 1,
): { settings: SceneSettings; problems: string[] } {
  const samplerId = String(which === 1 ? p.sampler : p.sampler2);
  const def = requireSampler(samplerId);
  const { params, problems } = decodeSamplerParams(def, samplerParamText(p, which));
  if (which === 1 && p.sigma_max && p.process === 'vp-discrete')
    problems.push('sigma_max applies to the continuous processes; vp-discrete ignores it');
  return {
    settings: {
      dataset: p.dataset,
      process: p.process,
      betaSchedule: p.schedule,
      spacing: p.spacing,
      sigmaGrid: p.grid,
      ...(p.process === 'flow' ? { flowShift: p.shift } : {}),
      sampler: samplerId,
      samplerParams: params,
      steps: p.steps,
      particles: p.n,
      seed: p.seed,
      ...(p.sigma_max ? { sigmaMax: p.sigma_max } : {}),
    },
    problems,
  };
}

/** The 2D model of the URL's shared `model` field; an image model id falls back to 'exact'. */
export function model2d(p: Params): (typeof MODELS_2D)[number] {
  return MODELS_2D.find((m) => m === p.model) ?? 'exact';
}
