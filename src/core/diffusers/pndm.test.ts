import { describe, expect, it } from 'vitest';
import { PNDMScheduler } from './pndm';
import { expectPinned, fullLoop } from './diffusers.testkit';

// Oracle: diffusers tests/schedulers/test_scheduler_pndm.py (pinned sums/means, tolerances 1e-2 / 1e-3).
const base = {
  num_train_timesteps: 1000,
  beta_start: 0.0001,
  beta_end: 0.02,
  beta_schedule: 'linear',
};

const loop = (extra: Record<string, unknown> = {}) =>
  fullLoop(new PNDMScheduler({ ...base, ...extra }));

describe('PNDMScheduler vs diffusers pinned numbers', () => {
  it('full loop, epsilon', () => expectPinned(loop(), { sum: 198.1318, mean: 0.258 }));
  it('full loop, v_prediction', () =>
    expectPinned(loop({ prediction_type: 'v_prediction' }), { sum: 67.3986, mean: 0.0878 }));
  it('full loop, set_alpha_to_one', () =>
    expectPinned(loop({ set_alpha_to_one: true, beta_start: 0.01 }), {
      sum: 230.0399,
      mean: 0.2995,
    }));
  it('full loop, no set_alpha_to_one', () =>
    expectPinned(loop({ set_alpha_to_one: false, beta_start: 0.01 }), {
      sum: 186.9482,
      mean: 0.2434,
    }));

  it('steps_offset=1 timesteps (PRK then PLMS)', () => {
    const s = new PNDMScheduler({ ...base, steps_offset: 1 });
    s.setTimesteps(10);
    expect(s.timesteps).toEqual([
      901, 851, 851, 801, 801, 751, 751, 701, 701, 651, 651, 601, 601, 501, 401, 301, 201, 101, 1,
    ]);
  });

  it('fewer than 4 steps need skip_prk_steps', () => {
    expect(() => new PNDMScheduler(base).setTimesteps(3)).toThrow(/>= 4/);
    expect(() =>
      new PNDMScheduler({ ...base, skip_prk_steps: true }).setTimesteps(3),
    ).not.toThrow();
  });
});
