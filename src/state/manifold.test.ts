import { describe, expect, it } from 'vitest';
import { FIELDS } from './fields';
import { manifoldJobFromParams } from './manifold';
import { decodeHash } from './urlFields';

const jobOf = (hash: string) => manifoldJobFromParams(decodeHash(FIELDS, hash).params);

describe('manifoldJobFromParams', () => {
  it('runs the exact models unless the URL asks for the networks', () => {
    expect(jobOf('#view=manifold').job.model).toBe('exact');
    expect(jobOf('#view=manifold&mmodel=network&mdata=vmf')).toMatchObject({
      job: { model: 'network', data: 'vmf' },
      note: null,
    });
  });

  it('runs unweighted cities on the exact models, saying why (the networks learnt weighted ones)', () => {
    const { job, note } = jobOf('#view=manifold&mmodel=network&mdata=cities&mweight=0');
    expect(job.model).toBe('exact');
    expect(note).toContain('trained on population-weighted cities');
  });

  it('reports a bad model choice and keeps the default', () => {
    const { params, problems } = decodeHash(FIELDS, '#view=manifold&mmodel=magic');
    expect(params.mmodel).toBe('exact');
    expect(problems.join(' ')).toContain('mmodel');
  });
});
