import { describe, expect, it } from 'vitest';
import { CHAPTERS } from '../../state/course';
import { CHAPTER_REFERENCES, CHAPTER_TEXT } from './chapters/index';

describe('course prose', () => {
  it('has text and at least two references for every chapter', () => {
    for (const c of CHAPTERS) {
      expect(CHAPTER_TEXT[c.id], c.id).toBeTypeOf('function');
      expect((CHAPTER_REFERENCES[c.id] ?? []).length, c.id).toBeGreaterThanOrEqual(2);
      for (const r of CHAPTER_REFERENCES[c.id]) expect(r.url).toMatch(/^https:\/\//);
    }
  });
});
