import { describe, expect, it } from 'vitest';
import { makeGrid } from '../core/scene/build';
import { FIELDS } from './fields';
import { sceneFromParams } from './scene';
import { decodeHash } from './urlFields';

const scene = (hash: string) => sceneFromParams(decodeHash(FIELDS, hash).params, 1);

describe('the sigmas link field (an explicit σ grid, e.g. the lab-optimised one)', () => {
  it('sets the grid and the steps of a continuous process', () => {
    const { settings, problems } = scene('#process=edm&sigmas=80,10,1.5,0.2,0.002&steps=50');
    expect(problems).toEqual([]);
    expect(settings.steps).toBe(5);
    expect(makeGrid(settings).sigmas).toEqual([80, 10, 1.5, 0.2, 0.002, 0]);
  });

  it('is reported and ignored when malformed or on vp-discrete', () => {
    for (const [hash, message] of [
      ['#process=edm&sigmas=80,1,2', /descending/],
      ['#process=edm&sigmas=80,x', /not a number/],
      ['#process=edm&sigmas=80,-1', /not a number > 0/],
      ['#process=vp-discrete&sigmas=80,1', /vp-discrete ignores it/],
    ] as const) {
      const { settings, problems } = scene(`${hash}&steps=7`);
      expect(problems.join('\n'), hash).toMatch(message);
      expect(settings.steps).toBe(7);
      expect(settings.customSigmas).toBeUndefined();
    }
  });

  it('gives way to the named grid where a lane runs a different number of steps (the lab)', () => {
    const { settings } = scene('#process=edm&sigmas=80,1,0.01');
    expect(makeGrid({ ...settings, steps: 4 }).sigmas).toHaveLength(5);
    expect(makeGrid({ ...settings, steps: 4 }).sigmas[1]).not.toBe(1);
  });
});
