import type { Region } from '../core/guidance/region';
import type { SceneSettings } from '../core/scene/settings';
import { parseSigmaList } from '../core/schedules/grid';
import { decodeSamplerParams } from '../core/samplers/params';
import { requireSampler } from '../core/samplers/registry';
import { SAMPLER_FIELD_NAMES, samplerParamText } from './samplerFields';
import { MODELS_2D, type Params } from './fields';

/** The fields the scene settings are made of (a view's selector for them). */
export const SCENE_PARAMS = [
  'dataset',
  'process',
  'schedule',
  'spacing',
  'grid',
  'shift',
  'sampler',
  'sampler2',
  ...SAMPLER_FIELD_NAMES,
  'steps',
  'n',
  'seed',
  'sigma_max',
  'sigmas',
  'region',
  'rang',
  'roff',
  'rcx',
  'rcy',
  'rrad',
  'rzeta',
  'guide',
  'gclass',
  'guidance',
] as const;
export type SceneParams = Pick<Params, (typeof SCENE_PARAMS)[number]>;

/** Scene settings from URL params; `which` picks the primary or the comparison sampler. */
export function sceneFromParams(
  p: SceneParams,
  which: 1 | 2 = 1,
): { settings: SceneSettings; problems: string[] } {
  const samplerId = String(which === 1 ? p.sampler : p.sampler2);
  const def = requireSampler(samplerId);
  const { params, problems } = decodeSamplerParams(def, samplerParamText(p, which));
  if (which === 1 && p.sigma_max && p.process === 'vp-discrete')
    problems.push('sigma_max applies to the continuous processes; vp-discrete ignores it');
  const custom = customSigmas(p, which === 1 ? problems : []);
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
      steps: custom?.length ?? p.steps,
      particles: p.n,
      seed: p.seed,
      ...(p.sigma_max ? { sigmaMax: p.sigma_max } : {}),
      ...(custom ? { customSigmas: custom } : {}),
      ...(p.region === 'none' ? {} : { region: regionOf(p), regionZeta: p.rzeta }),
      ...(p.guide === 'none'
        ? {}
        : { classGuide: { mode: p.guide, classId: p.gclass, scale: p.guidance } }),
    },
    problems,
  };
}

/** The `sigmas` field's grid, which sets the steps; its problems reported once (lane 1). */
function customSigmas(
  p: Pick<SceneParams, 'sigmas' | 'process'>,
  problems: string[],
): number[] | undefined {
  if (!p.sigmas) return undefined;
  if (p.process === 'vp-discrete') {
    problems.push('sigmas applies to the continuous processes; vp-discrete ignores it');
    return undefined;
  }
  const parsed = parseSigmaList(p.sigmas);
  if ('error' in parsed) {
    problems.push(`sigmas ignored: ${parsed.error}`);
    return undefined;
  }
  return parsed.sigmas;
}

/** The URL's region (angles in degrees there, radians in core); null for `region=none`. */
export function regionFromParams(
  p: Pick<Params, 'region' | 'rang' | 'roff' | 'rcx' | 'rcy' | 'rrad'>,
): Region | null {
  return p.region === 'none' ? null : regionOf(p);
}

function regionOf(p: Pick<Params, 'region' | 'rang' | 'roff' | 'rcx' | 'rcy' | 'rrad'>): Region {
  return p.region === 'half'
    ? { kind: 'half', angle: (p.rang * Math.PI) / 180, offset: p.roff }
    : { kind: 'disc', cx: p.rcx, cy: p.rcy, radius: p.rrad };
}

/** The 2D model of the URL's shared `model` field; an image model id falls back to 'exact'. */
export function model2d(p: Pick<Params, 'model'>): (typeof MODELS_2D)[number] {
  return MODELS_2D.find((m) => m === p.model) ?? 'exact';
}
