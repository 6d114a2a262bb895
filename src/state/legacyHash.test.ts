import { describe, expect, it } from 'vitest';
import { FIELDS } from './fields';
import { upgradeLegacyHash } from './legacyHash';
import { sceneFromParams } from './scene';
import { decodeHash } from './urlFields';

describe('legacy link names', () => {
  it('maps beta= to schedule= and sp=/sp2= to top-level sampler fields', () => {
    expect(upgradeLegacyHash('#beta=cosine&steps=5')).toBe('#schedule=cosine&steps=5');
    expect(upgradeLegacyHash('#sampler=ddim&sp=eta:0.5&sp2=eta:1,order:2')).toBe(
      '#sampler=ddim&eta=0.5&eta2=1&order2=2',
    );
    expect(upgradeLegacyHash('')).toBe('');
  });

  it('gives an old link the same scene as its new form', () => {
    const old = decodeHash(FIELDS, upgradeLegacyHash('#beta=sigmoid&sampler=ddim&sp=eta:0.25'));
    const now = decodeHash(FIELDS, '#schedule=sigmoid&sampler=ddim&eta=0.25');
    expect(old).toEqual(now);
    const { settings, problems } = sceneFromParams(now.params);
    expect(problems).toEqual([]);
    expect(settings.betaSchedule).toBe('sigmoid');
    expect(settings.samplerParams.eta).toBe(0.25);
  });
});
