/**
 * Parity with diffusers' tests/schedulers/test_scheduler_dpm_single.py: full loops with
 * the deterministic dummy model against diffusers' pinned means (tolerance 1e-3) and
 * sums (1e-2), and the order schedule of `get_order_list`.
 *
 * diffusers pinned these numbers when the singlestep scheduler's last step went to the
 * smallest training σ; the class has since gained `final_sigmas_type` (default "zero"),
 * so the config here states "sigma_min" to describe that same run.
 */
import { describe, expect, it } from 'vitest';
import { DPMSolverSinglestepScheduler, singlestepOrders } from './dpmsolver-singlestep';
import {
  dummyModel,
  dummySampleDeter,
  expectPinned,
  fullLoop,
  loopWithNoise,
} from './diffusers.testkit';

const base = {
  _class_name: 'DPMSolverSinglestepScheduler',
  num_train_timesteps: 1000,
  beta_start: 0.0001,
  beta_end: 0.02,
  beta_schedule: 'linear',
  solver_order: 2,
  prediction_type: 'epsilon',
  thresholding: false,
  sample_max_value: 1.0,
  algorithm_type: 'dpmsolver++',
  solver_type: 'midpoint',
  variance_type: null,
  final_sigmas_type: 'sigma_min',
};
const make = (over: Record<string, unknown> = {}) =>
  new DPMSolverSinglestepScheduler({ ...base, ...over });

describe('DPMSolverSinglestepScheduler: diffusers pinned full loops', () => {
  it('test_full_loop_no_noise: mean 0.2791', () => {
    expectPinned(fullLoop(make()), { mean: 0.2791 });
  });

  it('test_full_loop_with_karras: mean 0.2248', () => {
    expectPinned(fullLoop(make({ use_karras_sigmas: true })), { mean: 0.2248 });
  });

  it('test_full_loop_with_v_prediction: mean 0.1453', () => {
    expectPinned(fullLoop(make({ prediction_type: 'v_prediction' })), { mean: 0.1453 });
  });

  it('test_full_loop_with_karras_and_v_prediction: mean 0.0649', () => {
    const s = make({ prediction_type: 'v_prediction', use_karras_sigmas: true });
    expectPinned(fullLoop(s), { mean: 0.0649 });
  });

  it('test_full_uneven_loop (50 steps entered at timesteps[3]): mean 0.2574', () => {
    const s = make();
    s.setTimesteps(50);
    let sample = dummySampleDeter();
    for (const t of s.timesteps.slice(3))
      sample = s.step(dummyModel(sample, t), t, sample).prevSample;
    expectPinned(sample, { mean: 0.2574 });
  });

  it('test_full_loop_with_noise: sum 269.2187, mean 0.3505', () => {
    const x = loopWithNoise(make(), 5);
    expectPinned(x, { sum: 269.2187, mean: 0.3505 });
  });

  it('test_switch: a config that went through DEIS/UniPC (algorithm "deis", solver "bh2") still gives 0.2791', () => {
    expectPinned(fullLoop(make({ algorithm_type: 'deis', solver_type: 'bh2' })), { mean: 0.2791 });
  });
});

describe('DPMSolverSinglestepScheduler: order schedule (get_order_list)', () => {
  it('a final σ of 0 forces lower_order_final: 10 steps of order 2 end 1, 1', () => {
    const s = make({ final_sigmas_type: 'zero' });
    s.setTimesteps(10);
    expect(s.stepOrders).toEqual([1, 2, 1, 2, 1, 2, 1, 2, 1, 1]);
  });

  it('σ_min as final σ keeps full-order blocks when the step count divides', () => {
    const s = make();
    s.setTimesteps(10);
    expect(s.stepOrders).toEqual([1, 2, 1, 2, 1, 2, 1, 2, 1, 2]);
  });

  it('matches get_order_list for order 3', () => {
    expect(singlestepOrders(9, 3, true)).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 1]);
    expect(singlestepOrders(10, 3, true)).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3, 1]);
    expect(singlestepOrders(8, 3, true)).toEqual([1, 2, 3, 1, 2, 3, 1, 2]);
    expect(singlestepOrders(9, 3, false)).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3]);
  });
});
