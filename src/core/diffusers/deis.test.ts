/**
 * Parity with diffusers' tests/schedulers/test_scheduler_deis.py: full loops with the
 * deterministic dummy model against diffusers' pinned means (tolerance 1e-3) and sums (1e-2).
 */
import { describe, expect, it } from 'vitest';
import { DEISMultistepScheduler } from './deis';
import { expectPinned, fullLoop, loopWithNoise } from './diffusers.testkit';

const base = {
  _class_name: 'DEISMultistepScheduler',
  num_train_timesteps: 1000,
  beta_start: 0.0001,
  beta_end: 0.02,
  beta_schedule: 'linear',
  solver_order: 2,
};
const make = (over: Record<string, unknown> = {}) =>
  new DEISMultistepScheduler({ ...base, ...over });

describe('DEISMultistepScheduler: diffusers pinned full loops', () => {
  it('test_full_loop_no_noise: mean 0.23916', () =>
    expectPinned(fullLoop(make()), { mean: 0.23916 }));

  it('test_full_loop_with_v_prediction: mean 0.091', () =>
    expectPinned(fullLoop(make({ prediction_type: 'v_prediction' })), { mean: 0.091 }));

  it('test_full_loop_with_noise (from timesteps[8]): sum 315.3016, mean 0.41054', () => {
    const x = loopWithNoise(make(), 8);
    expectPinned(x, { sum: 315.3016, mean: 0.41054 });
  });

  it('test_switch: DPM-Solver / UniPC keys (algorithm "dpmsolver++", solver "bh2") map back to DEIS: 0.23916', () => {
    const s = make({ algorithm_type: 'dpmsolver++', solver_type: 'bh2' });
    expect(s.unsupportedKeys).toEqual([]);
    expectPinned(fullLoop(s), { mean: 0.23916 });
  });
});
