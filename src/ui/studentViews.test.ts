import { describe, expect, it } from 'vitest';
import { meshJobFromParams } from './mesh/meshJob';
import { FIELDS } from '../state/fields';
import { labFromParams } from '../state/labSettings';
import { decodeHash } from '../state/urlFields';

const params = (hash: string) => decodeHash(FIELDS, hash).params;

/**
 * The distilled students run their own sampler and steps (the playground views); the lab
 * sets samplers and budgets per lane and the mesh needs an ODE solver, so there a link's
 * model=distill|consistency runs the exact model and a notice says why.
 */
describe('model=distill | consistency in the lab and the mesh', () => {
  it('the lab runs its panels on the exact model and says so', () => {
    for (const [kind, name] of [
      ['distill', 'progressively distilled students'],
      ['consistency', 'consistency models'],
    ] as const) {
      const lab = labFromParams(params(`#view=lab&dataset=moons&model=${kind}`));
      expect(lab.model).toBe('exact');
      expect(lab.problems).toEqual([
        `model=${kind}: the ${name} run their own sampler and steps, so they run in the playground views only; in the lab's panels the exact model runs instead`,
      ]);
    }
  });

  it('the mesh runs the exact model and says so', () => {
    for (const kind of ['distill', 'consistency'] as const) {
      const { job, modelNotice } = meshJobFromParams(
        params(`#view=mesh&dataset=gaussians8&model=${kind}&steps=4`),
      );
      expect(job.model).toBe('exact');
      expect(job.settings.steps).toBe(4);
      expect(modelNotice).toMatch(
        new RegExp(`^model=${kind}: .*in the mesh the exact model runs instead$`),
      );
    }
  });

  it('the networks the lab and the mesh do run pass through without a notice', () => {
    expect(labFromParams(params('#view=lab&model=mlp')).model).toBe('mlp');
    expect(labFromParams(params('#view=lab&model=mlp')).problems).toEqual([]);
    const mesh = meshJobFromParams(params('#view=mesh&model=fm'));
    expect([mesh.job.model, mesh.modelNotice]).toEqual(['fm', null]);
  });
});
