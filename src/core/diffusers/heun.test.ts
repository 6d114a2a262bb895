import { describe, expect, it } from 'vitest';
import { HeunDiscreteScheduler } from './heun';
import { expectPinned, sigmaLoop } from './diffusers.testkit';

// Oracle: diffusers tests/schedulers/test_scheduler_heun.py (CPU values).
const base = {
  num_train_timesteps: 1100,
  beta_start: 0.0001,
  beta_end: 0.02,
  beta_schedule: 'linear',
};

function run(extra: Record<string, unknown> = {}): Float64Array {
  const s = new HeunDiscreteScheduler({ ...base, ...extra });
  s.setTimesteps(10);
  return sigmaLoop(s);
}

describe('HeunDiscreteScheduler vs diffusers pinned numbers', () => {
  it('full loop, epsilon', () => expectPinned(run(), { sum: 0.1233, mean: 0.0002 }));
  it('full loop, v_prediction', () =>
    expectPinned(run({ prediction_type: 'v_prediction' }), { sum: 4.6934e-7, mean: 6.1112e-10 }));
  it('full loop, Karras sigmas', () =>
    expectPinned(
      run({ use_karras_sigmas: true }),
      { sum: 0.00015, mean: 1.9869554535034695e-7 },
      { mean: 1e-2 },
    ));
  it('timesteps repeat every inner timestep: 2n − 1 calls for n intervals', () => {
    const s = new HeunDiscreteScheduler(base);
    s.setTimesteps(3);
    const t = s.timesteps;
    expect(t).toHaveLength(5);
    expect([t[1], t[3]]).toEqual([t[2], t[4]]);
    expect(s.sigmas).toHaveLength(6);
    expect(s.sigmas[5]).toBe(0);
  });
});
