import { SAMPLER_PARAM_KEYS } from './samplerFields';

/**
 * Controls a lesson link can hide with `hide=a,b,…`: each settings control by its URL field
 * name, every sampler parameter of a lane (`params`, `params2`), and whole parts of the page.
 */
export const HIDEABLE: readonly string[] = [
  'dataset',
  'model',
  'process',
  'schedule',
  'spacing',
  'grid',
  'shift',
  'sampler',
  'sampler2',
  'params',
  'params2',
  ...SAMPLER_PARAM_KEYS,
  'steps',
  'n',
  'seed',
  't',
  'speed',
  'field',
  'ghosts',
  'trails',
  'density',
  'backend',
  /** The view tabs, the lessons menu, the export menu, the whole settings column. */
  'tabs',
  'lessons',
  'export',
  'controls',
];

export function parseHideList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** One message per name in a `hide=` list that names no control. */
export function checkHideList(text: string): string[] {
  return parseHideList(text)
    .filter((name) => !HIDEABLE.includes(name))
    .map((name) => `hide: there is no control "${name}" to hide; known: ${HIDEABLE.join(', ')}`);
}
