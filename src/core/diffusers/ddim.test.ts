import { describe, expect, it } from 'vitest';
import { DDIMScheduler } from './ddim';
import { expectPinned, fullLoop, loopWithNoise } from './diffusers.testkit';

// Oracle: diffusers tests/schedulers/test_scheduler_ddim.py (pinned sums and means, tolerances 1e-2 / 1e-3).
const base = {
  num_train_timesteps: 1000,
  beta_start: 0.0001,
  beta_end: 0.02,
  beta_schedule: 'linear',
  clip_sample: true,
};

/** diffusers' DDIM full_loop (eta 0, the step's default). */
const loop = (extra: Record<string, unknown> = {}) =>
  fullLoop(new DDIMScheduler({ ...base, ...extra }));

describe('DDIMScheduler vs diffusers pinned numbers', () => {
  it('full loop, epsilon', () => expectPinned(loop(), { sum: 172.0067, mean: 0.223967 }));
  it('full loop, v_prediction', () =>
    expectPinned(loop({ prediction_type: 'v_prediction' }), { sum: 52.5302, mean: 0.0684 }));
  it('full loop, set_alpha_to_one', () =>
    expectPinned(loop({ set_alpha_to_one: true, beta_start: 0.01 }), {
      sum: 149.8295,
      mean: 0.1951,
    }));
  it('full loop, no set_alpha_to_one', () =>
    expectPinned(loop({ set_alpha_to_one: false, beta_start: 0.01 }), {
      sum: 149.0784,
      mean: 0.1941,
    }));

  it('full loop with noise added at timesteps[8]', () =>
    expectPinned(loopWithNoise(new DDIMScheduler(base), 8), { sum: 354.5418, mean: 0.4616 }));

  it('steps_offset=1 timesteps', () => {
    const s = new DDIMScheduler({ ...base, steps_offset: 1 });
    s.setTimesteps(5);
    expect(s.timesteps).toEqual([801, 601, 401, 201, 1]);
  });

  it('variance (test_variance)', () => {
    const s = new DDIMScheduler(base);
    expect(s.variance(0, 0)).toBeCloseTo(0, 5);
    expect(Math.abs(s.variance(420, 400) - 0.14771)).toBeLessThan(1e-5);
    expect(Math.abs(s.variance(980, 960) - 0.3246)).toBeLessThan(1e-5);
    expect(Math.abs(s.variance(487, 486) - 0.00979)).toBeLessThan(1e-5);
    expect(Math.abs(s.variance(999, 998) - 0.02)).toBeLessThan(1e-5);
  });
});
