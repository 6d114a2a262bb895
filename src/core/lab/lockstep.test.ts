import { describe, expect, it } from 'vitest';
import { fingerprint, laneLabel, nextLane, planLanes, type LockstepScene } from './lockstep';

const scene: LockstepScene = {
  dataset: 'gaussians8',
  process: 'edm',
  betaSchedule: 'linear',
  spacing: 'trailing',
  sigmaGrid: 'karras',
  particles: 100,
  seed: 0,
};

describe('planLanes', () => {
  it('gives every lane the same NFE budget: a two-evaluation sampler gets half the steps', () => {
    const plans = planLanes(
      scene,
      [
        { id: 'euler', params: {} },
        { id: 'heun', params: {} },
        { id: 'dpm-solver', params: { order: 3 } },
        { id: 'euler-ancestral', params: {} },
      ],
      20,
    );
    expect(plans.map((p) => [p.steps, p.nfe])).toEqual([
      [20, 20],
      [10, 19],
      [7, 19],
      [20, 20],
    ]);
    expect(plans.map((p) => p.stochastic)).toEqual([false, false, false, true]);
    for (const p of plans) {
      expect(p.grid.sigmas).toHaveLength(p.steps + 1);
      expect(p.grid.sigmas[0]).toBe(80);
    }
  });

  it('refuses fewer than 2 or more than 6 lanes, and the samplers the lab leaves out', () => {
    const euler = { id: 'euler', params: {} };
    expect(() => planLanes(scene, [euler], 10)).toThrow(/2 to 6/);
    expect(() => planLanes(scene, Array(7).fill(euler), 10)).toThrow(/2 to 6/);
    expect(() => planLanes(scene, [euler, { id: 'rk45', params: {} }], 10)).toThrow(/rk45/);
    expect(() => planLanes(scene, [euler, { id: 'heun', params: { bogus: 1 } }], 10)).toThrow(
      /no parameter bogus/,
    );
  });
});

describe('nextLane', () => {
  it('moves the lane at the highest σ, the first on ties, none when all are done', () => {
    expect(nextLane([3, 5, 5])).toBe(1);
    expect(nextLane([null, 0.5, 2])).toBe(2);
    expect(nextLane([0, 0])).toBe(0);
    expect(nextLane([null, null])).toBe(-1);
  });
});

describe('fingerprint', () => {
  it('is equal for equal float32 values and differs when one value moves by one ulp', () => {
    const a = Float32Array.of(1, -2.5, 3.25, 1e-3);
    const b = Float32Array.from(a);
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(fingerprint(a)).toMatch(/^[0-9a-f]{8}$/);
    const view = new Uint32Array(b.buffer);
    view[2] += 1;
    expect(fingerprint(b)).not.toBe(fingerprint(a));
  });
});

describe('laneLabel', () => {
  it('names the order and the changed parameters', () => {
    expect(laneLabel('euler', {})).toBe('euler');
    expect(laneLabel('dpm-solver', { order: 2 })).toBe('dpm-solver (order=2)');
    expect(laneLabel('heun', { sChurn: 10 })).toBe('heun (sChurn=10)');
  });
});
