import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIELDS } from './fields';
import { LESSONS } from './lessons';
import { discreteJobFromParams } from './discrete';
import { forwardProcess } from './discreteForward';
import { sceneFromParams } from './scene';
import { decodeHash } from './urlFields';

describe('lesson presets', () => {
  it('are at least six, with distinct ids and two or three sentences each', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(6);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const l of LESSONS) {
      const sentences = l.text.split(/(?<=[.!?])\s+(?=[A-Z])/);
      expect(sentences.length, l.id).toBeGreaterThanOrEqual(2);
      expect(sentences.length, l.id).toBeLessThanOrEqual(3);
    }
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))(
    '%s: a link whose every value is valid and that names its lesson',
    (id, l) => {
      const { params, problems } = decodeHash(FIELDS, `#${l.hash}`);
      expect(problems).toEqual([]);
      expect(params.lesson).toBe(id);
      expect(sceneFromParams(params, 1).problems).toEqual([]);
      expect(sceneFromParams(params, 2).problems).toEqual([]);
      expect(discreteJobFromParams(params, null).problems).toEqual([]);
      expect(forwardProcess(params).problems).toEqual([]);
    },
  );

  it('are listed in the README with the same links', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const l of LESSONS) expect(readme).toContain(`\`#${l.hash}\``);
  });
});
