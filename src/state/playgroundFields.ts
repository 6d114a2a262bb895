import { BETA_SCHEDULES } from '../core/schedules/betas';
import { checkHideList } from './hide';
import { LESSON_IDS } from './lessons';
import type { Field } from './urlFields';

/** Quantities the schedule inspector can compare across β schedules. */
export const SCHEDULE_QUANTITIES = ['alphaBar', 'logSNR', 'sigma', 'beta'] as const;

/** The schedule inspector's β schedules to compare, checked against the known ones. */
function checkCurves(text: string): string[] {
  return text
    .split(',')
    .filter((s) => s !== '' && !BETA_SCHEDULES.includes(s as (typeof BETA_SCHEDULES)[number]))
    .map((s) => `curves: "${s}" is not a β schedule; known: ${BETA_SCHEDULES.join(', ')}`);
}

/** URL fields of the playground's lesson links and of the schedule inspector (appended to FIELDS). */
export const PLAYGROUND_FIELDS = [
  { name: 'lesson', kind: 'choice', choices: ['', ...LESSON_IDS], default: '' },
  { name: 'hide', kind: 'text', maxLength: 400, default: '', check: checkHideList },
  {
    name: 'curves',
    kind: 'text',
    maxLength: 200,
    default: BETA_SCHEDULES.join(','),
    check: checkCurves,
  },
  { name: 'quantity', kind: 'choice', choices: SCHEDULE_QUANTITIES, default: 'alphaBar' },
] as const satisfies readonly Field[];
