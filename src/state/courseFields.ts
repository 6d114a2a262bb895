import { CHAPTER_IDS } from './course';
import type { Field } from './urlFields';

/** URL fields of the course (appended to FIELDS): the open chapter, and presentation mode. */
export const COURSE_FIELDS = [
  { name: 'chapter', kind: 'choice', choices: CHAPTER_IDS, default: CHAPTER_IDS[0] },
  /** Presentation mode: the figure full-window, large type, a minimal control strip. */
  { name: 'present', kind: 'bool', default: false },
] as const satisfies readonly Field[];
