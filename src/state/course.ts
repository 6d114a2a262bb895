/**
 * The course's chapters in order (the data in courseBasics.ts and courseAdvanced.ts, the types
 * in courseTypes.ts) and their links.
 */
import { ADVANCED_CHAPTERS } from './courseAdvanced';
import { BASIC_CHAPTERS } from './courseBasics';
import type { Chapter } from './courseTypes';

export type { Chapter, CourseFigure, PredictQuestionSpec } from './courseTypes';

export const CHAPTERS: readonly Chapter[] = [...BASIC_CHAPTERS, ...ADVANCED_CHAPTERS];

export const CHAPTER_IDS: readonly string[] = CHAPTERS.map((c) => c.id);

export function chapterIndex(id: string): number {
  const i = CHAPTER_IDS.indexOf(id);
  return i < 0 ? 0 : i;
}

/** The link of a chapter (hash without '#'). */
export function chapterHash(id: string): string {
  return `view=course&chapter=${id}`;
}
