import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHAPTERS, chapterHash } from './course';
import { FIELDS } from './fields';
import { discreteJobFromParams } from './discrete';
import { latentJobFromParams } from './latent';
import { manifoldJobFromParams } from './manifold';
import { sceneFromParams } from './scene';
import { decodeHash } from './urlFields';

describe('course chapters', () => {
  it('have distinct ids, each link valid', () => {
    expect(new Set(CHAPTERS.map((c) => c.id)).size).toBe(CHAPTERS.length);
    for (const c of CHAPTERS) {
      const { params, problems } = decodeHash(FIELDS, `#${chapterHash(c.id)}&present=1`);
      expect(problems).toEqual([]);
      expect(params).toMatchObject({ view: 'course', chapter: c.id, present: true });
    }
  });

  it.each(CHAPTERS.map((c) => [c.id, c] as const))(
    '%s: figures are valid full-view links; the question names one of them',
    (_id, c) => {
      expect(c.figures.length).toBeGreaterThanOrEqual(1);
      for (const f of c.figures) {
        const { params, problems } = decodeHash(FIELDS, `#${f.hash}`);
        expect(problems, f.hash).toEqual([]);
        expect(['reverse', 'compare', 'forward', 'discrete', 'manifold', 'latent']).toContain(
          params.view,
        );
        // The job each kind of figure runs is built without a problem or a note.
        if (params.view === 'discrete') {
          expect(discreteJobFromParams(params, null).problems).toEqual([]);
        } else if (params.view === 'latent') {
          // The compact figure draws the 2D plane: a 2D set, small enough to finish on WASM.
          const job = latentJobFromParams(params);
          expect(job.set).not.toBe('fashion16');
          expect(job.particles * job.steps).toBeLessThanOrEqual(10_000);
        } else if (params.view === 'manifold') {
          expect(manifoldJobFromParams(params).note).toBeNull();
        } else {
          expect(f.panel).toBeUndefined();
          expect(sceneFromParams(params, 1).problems).toEqual([]);
          expect(sceneFromParams(params, 2).problems).toEqual([]);
        }
      }
      const q = c.question;
      expect(c.figures.map((f) => f.id)).toContain(q.figure);
      expect(q.answer).toBeGreaterThanOrEqual(0);
      expect(q.answer).toBeLessThan(q.choices.length);
    },
  );

  it('are listed in the README, which leads with the course', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme.slice(0, 300)).toContain('#view=course');
    for (const c of CHAPTERS) expect(readme).toContain(`\`#${chapterHash(c.id)}\``);
  });
});
