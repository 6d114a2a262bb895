/**
 * Parity with diffusers' tests/schedulers/test_scheduler_unipc.py (2D and 1D classes):
 * full loops with the deterministic dummy model against diffusers' pinned means
 * (tolerance 1e-3) and sums (1e-2).
 */
import { describe, expect, it } from 'vitest';
import {
  dummyModel,
  dummySampleDeter,
  ELEMS_1D,
  expectPinned,
  fullLoop,
  loopWithNoise,
  meanAbs,
} from './diffusers.testkit';
import { UniPCMultistepScheduler } from './unipc';

const base = {
  _class_name: 'UniPCMultistepScheduler',
  num_train_timesteps: 1000,
  beta_start: 0.0001,
  beta_end: 0.02,
  beta_schedule: 'linear',
  solver_order: 2,
  solver_type: 'bh2',
  final_sigmas_type: 'sigma_min',
};
const make = (over: Record<string, unknown> = {}) =>
  new UniPCMultistepScheduler({ ...base, ...over });

describe('UniPCMultistepScheduler: diffusers pinned full loops (4×3×8×8)', () => {
  it('test_full_loop_no_noise: mean 0.2464', () =>
    expectPinned(fullLoop(make()), { mean: 0.2464 }));
  it('test_full_loop_with_karras: mean 0.2925', () =>
    expectPinned(fullLoop(make({ use_karras_sigmas: true })), { mean: 0.2925 }));
  it('test_full_loop_with_v_prediction: mean 0.1014', () =>
    expectPinned(fullLoop(make({ prediction_type: 'v_prediction' })), { mean: 0.1014 }));
  it('test_full_loop_with_karras_and_v_prediction: mean 0.1966', () =>
    expectPinned(fullLoop(make({ prediction_type: 'v_prediction', use_karras_sigmas: true })), {
      mean: 0.1966,
    }));
  it('test_full_loop_with_noise (from timesteps[8]): sum 315.5757, mean 0.4109', () => {
    const x = loopWithNoise(make(), 8);
    expectPinned(x, { sum: 315.5757, mean: 0.4109 });
  });
  it('test_switch: a config carrying a DPM-Solver solver_type ("midpoint") still gives 0.2464', () => {
    const s = make({ solver_type: 'midpoint', algorithm_type: 'dpmsolver++' });
    expect(s.bhVariant).toBe('bh2');
    expect(s.unsupportedKeys).toEqual(['algorithm_type']);
    expectPinned(fullLoop(s), { mean: 0.2464 });
  });
});

// An earlier version of the same test file (solver_type "bh1", the final step to σ_min) pinned these.
describe('UniPCMultistepScheduler: pinned full loops with bh1', () => {
  it('test_full_loop_no_noise (bh1): mean 0.2521', () =>
    expectPinned(fullLoop(make({ solver_type: 'bh1' })), { mean: 0.2521 }));
  it('test_full_loop_with_v_prediction (bh1): mean 0.1096', () =>
    expectPinned(fullLoop(make({ solver_type: 'bh1', prediction_type: 'v_prediction' })), {
      mean: 0.1096,
    }));
});

describe('UniPCMultistepScheduler: diffusers pinned full loops (1D, 4×3×8)', () => {
  const loop1d = (over: Record<string, unknown> = {}) => fullLoop(make(over), 10, ELEMS_1D);
  it('test_full_loop_no_noise: mean 0.2441', () => expectPinned(loop1d(), { mean: 0.2441 }));
  it('test_full_loop_with_karras: mean 0.2898', () =>
    expectPinned(loop1d({ use_karras_sigmas: true }), { mean: 0.2898 }));
  it('test_full_loop_with_v_prediction: mean 0.1014', () =>
    expectPinned(loop1d({ prediction_type: 'v_prediction' }), { mean: 0.1014 }));
  it('test_full_loop_with_karras_and_v_prediction: mean 0.1944', () =>
    expectPinned(loop1d({ prediction_type: 'v_prediction', use_karras_sigmas: true }), {
      mean: 0.1944,
    }));
  it('test_full_loop_with_noise: sum 39.0870, mean 0.4072', () => {
    const x = loopWithNoise(make(), 8, 10, ELEMS_1D);
    expectPinned(x, { sum: 39.087, mean: 0.4072 });
  });
});

describe('UniPCMultistepScheduler: timesteps', () => {
  const at1000 = () => {
    const s = make();
    s.setTimesteps(1000);
    return s.timesteps;
  };

  // Oracle: numpy, e.g. np.linspace(0, 999, 11).round()[::-1][:-1] (diffusers' own expressions).
  it('linspace / leading / trailing timesteps equal numpy’s', () => {
    const at = (over: Record<string, unknown>, n: number) => {
      const s = make(over);
      s.setTimesteps(n);
      return s.timesteps;
    };
    expect(at({}, 10)).toEqual([999, 899, 799, 699, 599, 500, 400, 300, 200, 100]);
    expect(at({}, 7)).toEqual([999, 856, 714, 571, 428, 285, 143]);
    expect(at({ timestep_spacing: 'leading', steps_offset: 1 }, 10)).toEqual([
      901, 811, 721, 631, 541, 451, 361, 271, 181, 91,
    ]);
    expect(at({ timestep_spacing: 'trailing' }, 10)).toEqual([
      999, 899, 799, 699, 599, 499, 399, 299, 199, 99,
    ]);
    expect(at({ timestep_spacing: 'trailing' }, 7)).toEqual([999, 856, 713, 570, 428, 285, 142]);
  });

  it('1000 steps keep numpy’s one duplicate (499.5 and 500.499 both round to 500)', () => {
    const ts = at1000();
    expect(ts.length).toBe(1000);
    expect(new Set(ts).size).toBe(999);
  });

  it('disable_corrector drops the corrector on the listed steps (and only there)', () => {
    const run = (over: Record<string, unknown>) => {
      const s = make(over);
      s.setTimesteps(10);
      let x = dummySampleDeter();
      const xs: Float64Array[] = [];
      for (const t of s.timesteps) {
        x = s.step(dummyModel(x, t), t, x).prevSample;
        xs.push(x);
      }
      return xs;
    };
    const full = run({});
    const cut = run({ disable_corrector: [0] });
    expect(cut[0]).toEqual(full[0]);
    expect(meanAbs(cut[1].map((v, k) => v - full[1][k]))).toBeGreaterThan(1e-6);
  });
});
