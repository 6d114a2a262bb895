import { describe, expect, it } from 'vitest';
import { LMSDiscreteScheduler, lmsCoefficient } from './lms';
import { expectPinned, sigmaLoop } from './diffusers.testkit';

// Oracle: diffusers tests/schedulers/test_scheduler_lms.py (pinned sums/means, tolerances 1e-2 / 1e-3).
const base = {
  num_train_timesteps: 1100,
  beta_start: 0.0001,
  beta_end: 0.02,
  beta_schedule: 'linear',
};

function run(extra: Record<string, unknown> = {}): Float64Array {
  const s = new LMSDiscreteScheduler({ ...base, ...extra });
  s.setTimesteps(10);
  return sigmaLoop(s);
}

describe('LMSDiscreteScheduler vs diffusers pinned numbers', () => {
  it('full loop, epsilon', () => expectPinned(run(), { sum: 1006.388, mean: 1.31 }));
  it('full loop, v_prediction', () =>
    expectPinned(run({ prediction_type: 'v_prediction' }), { sum: 0.0017, mean: 2.2676e-6 }));
  it('full loop, Karras sigmas', () =>
    expectPinned(run({ use_karras_sigmas: true }), { sum: 3812.9927, mean: 4.9648 }));
});

describe('LMS coefficients (closed forms)', () => {
  const sig = [10, 7, 4, 2, 1, 0];
  it('order 1 is the Euler step h = σ_{i+1} − σ_i', () =>
    expect(lmsCoefficient(sig, 1, 2, 0)).toBeCloseTo(-2, 14));
  it('order 2 on a uniform grid is Adams–Bashforth 2: h·(3/2, −1/2)', () => {
    const u = [4, 3, 2, 1];
    expect(lmsCoefficient(u, 2, 1, 0)).toBeCloseTo(-1.5, 14);
    expect(lmsCoefficient(u, 2, 1, 1)).toBeCloseTo(0.5, 14);
  });
  it('order 4 on a uniform grid is Adams–Bashforth 4: h·(55, −59, 37, −9)/24', () => {
    const u = [6, 5, 4, 3, 2, 1];
    const expected = [55, -59, 37, -9].map((c) => -c / 24);
    expected.forEach((e, j) => expect(lmsCoefficient(u, 4, 3, j)).toBeCloseTo(e, 13));
  });
  it('coefficients of any order sum to the step length', () => {
    const total = [0, 1, 2, 3].reduce((a, j) => a + lmsCoefficient(sig, 4, 3, j), 0);
    expect(total).toBeCloseTo(sig[4] - sig[3], 13);
  });
});
