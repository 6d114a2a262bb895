import { describe, expect, it } from 'vitest';
import { SAMPLERS } from '../core/samplers/registry';
import { FIELDS } from './fields';
import { SAMPLER_PARAM_KEYS } from './samplerFields';
import { sceneFromParams } from './scene';
import { decodeHash } from './urlFields';

const scene = (hash: string, which: 1 | 2 = 1) =>
  sceneFromParams(decodeHash(FIELDS, hash).params, which);

describe('sampler parameters as top-level URL fields', () => {
  it('has a field for every parameter of every sampler, for both lanes, and no name clash', () => {
    const names = FIELDS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const s of SAMPLERS)
      for (const p of s.params) {
        expect(names).toContain(p.key);
        expect(names).toContain(`${p.key}2`);
      }
    expect(SAMPLER_PARAM_KEYS).toContain('eta');
  });

  it('reads eta, order and sChurn for the sampler that has them', () => {
    expect(scene('#sampler=ddim&eta=0.5').settings.samplerParams).toEqual({ eta: 0.5 });
    expect(scene('#sampler=dpm-solver&order=2').settings.samplerParams.order).toBe(2);
    expect(scene('#sampler2=ddim&eta2=1', 2).settings.samplerParams).toEqual({ eta: 1 });
    expect(scene('#sampler=heun&sChurn=0.3').settings.samplerParams.sChurn).toBe(0.3);
  });

  it('clamps to the sampler’s own bounds and reports a parameter the sampler lacks', () => {
    const clamped = scene('#sampler=ddim&eta=3');
    expect(clamped.settings.samplerParams.eta).toBe(1);
    expect(clamped.problems.join()).toMatch(/eta=3 is outside 0..1; using 1/);
    const foreign = scene('#sampler=euler&eta=0.5');
    expect(foreign.settings.samplerParams).toEqual({});
    expect(foreign.problems.join()).toMatch(/sampler euler has no parameter "eta"/);
  });
});

describe('hide= list', () => {
  it('keeps known control names and reports unknown ones', () => {
    const { params, problems } = decodeHash(FIELDS, '#hide=model,eta,tabs,wings');
    expect(params.hide).toBe('model,eta,tabs,wings');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/no control "wings"/);
  });
});

describe('SAMPLER_PARAM_KEYS', () => {
  it('lists every parameter key of the registry, in registry order', () => {
    const registry = [...new Set(SAMPLERS.flatMap((s) => s.params.map((p) => p.key)))];
    expect([...SAMPLER_PARAM_KEYS]).toEqual(registry);
  });
});
