/**
 * Parity with diffusers' tests/schedulers/test_scheduler_dpm_multi.py: the same full
 * loops with the deterministic dummy model, asserting diffusers' pinned numbers to the
 * tolerances diffusers uses (1e-3 on means, 1e-2 on sums).
 */
import { describe, expect, it } from 'vitest';
import { DPMSolverMultistepScheduler } from './dpmsolver-multistep';
import { expectPinned, fullLoop, loopWithNoise } from './diffusers.testkit';

const base = {
  _class_name: 'DPMSolverMultistepScheduler',
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
  lower_order_final: false,
  euler_at_final: false,
  variance_type: null,
  final_sigmas_type: 'sigma_min',
};
const make = (over: Record<string, unknown> = {}) =>
  new DPMSolverMultistepScheduler({ ...base, ...over });

describe('DPMSolverMultistepScheduler: diffusers pinned full loops', () => {
  it('test_full_loop_no_noise: mean |x| = 0.3301', () => {
    expectPinned(fullLoop(make()), { mean: 0.3301 });
  });

  it('test_full_loop_with_noise: sum 318.4111, mean 0.4146', () => {
    const x = loopWithNoise(make(), 5);
    expectPinned(x, { sum: 318.4111, mean: 0.4146 });
  });

  it('test_full_loop_no_noise_thres (ratio 0.87, max 0.5): mean 1.1364', () => {
    const s = make({ thresholding: true, dynamic_thresholding_ratio: 0.87, sample_max_value: 0.5 });
    expectPinned(fullLoop(s), { mean: 1.1364 });
  });

  it('test_full_loop_with_v_prediction: mean 0.2251', () => {
    expectPinned(fullLoop(make({ prediction_type: 'v_prediction' })), { mean: 0.2251 });
  });

  it('test_full_loop_with_karras_and_v_prediction: mean 0.2096', () => {
    const s = make({ prediction_type: 'v_prediction', use_karras_sigmas: true });
    expectPinned(fullLoop(s), { mean: 0.2096 });
  });

  it('test_full_loop_with_lu_and_v_prediction: mean 0.1554', () => {
    const s = make({ prediction_type: 'v_prediction', use_lu_lambdas: true });
    expectPinned(fullLoop(s), { mean: 0.1554 });
  });

  it('test_switch: a config that went through DEIS (algorithm "deis", solver "logrho") still gives 0.3301', () => {
    const s = make({ algorithm_type: 'deis', solver_type: 'logrho' });
    expect(s.algorithm).toBe('dpmsolver++');
    expect(s.solverType).toBe('midpoint');
    expectPinned(fullLoop(s), { mean: 0.3301 });
  });
});

describe('DPMSolverMultistepScheduler: timesteps and config', () => {
  // Oracle: numpy on diffusers' expressions (searchsorted of the flipped λ_t, then linspace).
  it('lambda_min_clipped −5.1 on the cosine schedule drops the last 4 training steps', () => {
    const s = make({ beta_schedule: 'squaredcos_cap_v2', lambda_min_clipped: -5.1 });
    s.setTimesteps(10);
    expect(s.timesteps).toEqual([995, 896, 796, 696, 597, 498, 398, 298, 199, 100]);
  });

  it('test_duplicated_timesteps: 1000 steps give 1000 timesteps', () => {
    const s = make();
    s.setTimesteps(1000);
    expect(s.timesteps.length).toBe(1000);
  });

  it('reports unsupported keys by name and rejects impossible combinations', () => {
    const s = make({
      variance_type: 'learned_range',
      use_exponential_sigmas: true,
      shift_terminal: 0.1,
    });
    expect([...s.unsupportedKeys].sort()).toEqual([
      'shift_terminal',
      'use_exponential_sigmas',
      'variance_type',
    ]);
    expect(s.warnings).toHaveLength(3);
    expect(() => make({ algorithm_type: 'dpmsolver', final_sigmas_type: 'zero' })).toThrow(
      /sigma_min/,
    );
    expect(() => make({ algorithm_type: 'sde-dpmsolver++', solver_order: 3 })).toThrow(
      /third-order/,
    );
  });
});
