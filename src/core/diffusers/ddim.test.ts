import { describe, expect, it } from 'vitest';
import { DDIMScheduler } from './ddim';
import { absSumMean, dummyModel, dummyNoiseDeter, dummySampleDeter } from './testing';

// Oracle: diffusers tests/schedulers/test_scheduler_ddim.py (pinned sums and means, tolerances 1e-2 / 1e-3).
const base = {
  num_train_timesteps: 1000,
  beta_start: 0.0001,
  beta_end: 0.02,
  beta_schedule: 'linear',
  clip_sample: true,
};

function fullLoop(extra: Record<string, unknown> = {}): Float64Array {
  const s = new DDIMScheduler({ ...base, ...extra });
  s.setTimesteps(10);
  let x = dummySampleDeter();
  for (const t of s.timesteps) x = s.step(dummyModel(x, t), t, x, { eta: 0 }).prevSample;
  return x;
}

function expectPinned(x: Float64Array, sum: number, mean: number): void {
  const r = absSumMean(x);
  expect(Math.abs(r.sum - sum)).toBeLessThan(1e-2);
  expect(Math.abs(r.mean - mean)).toBeLessThan(1e-3);
}

describe('DDIMScheduler vs diffusers pinned numbers', () => {
  it('full loop, epsilon', () => expectPinned(fullLoop(), 172.0067, 0.223967));
  it('full loop, v_prediction', () =>
    expectPinned(fullLoop({ prediction_type: 'v_prediction' }), 52.5302, 0.0684));
  it('full loop, set_alpha_to_one', () =>
    expectPinned(fullLoop({ set_alpha_to_one: true, beta_start: 0.01 }), 149.8295, 0.1951));
  it('full loop, no set_alpha_to_one', () =>
    expectPinned(fullLoop({ set_alpha_to_one: false, beta_start: 0.01 }), 149.0784, 0.1941));

  it('full loop with noise added at timesteps[8]', () => {
    const s = new DDIMScheduler(base);
    s.setTimesteps(10);
    const ts = s.timesteps.slice(8 * s.order);
    let x = s.addNoise(dummySampleDeter(), dummyNoiseDeter(), ts[0]);
    for (const t of ts) x = s.step(dummyModel(x, t), t, x).prevSample;
    expectPinned(x, 354.5418, 0.4616);
  });

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
