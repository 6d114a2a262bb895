import { describe, expect, it } from 'vitest';
import { EulerDiscreteScheduler } from './euler';
import { dummyNoiseDeter, dummySampleDeter, expectPinned, sigmaLoop } from './diffusers.testkit';

// Oracle: diffusers tests/schedulers/test_scheduler_euler.py (pinned sums/means; tolerances 1e-2 / 1e-3).
const base = {
  num_train_timesteps: 1100,
  beta_start: 0.0001,
  beta_end: 0.02,
  beta_schedule: 'linear',
};

function make(extra: Record<string, unknown> = {}, n = 10): EulerDiscreteScheduler {
  const s = new EulerDiscreteScheduler({ ...base, ...extra });
  s.setTimesteps(n);
  return s;
}

describe('EulerDiscreteScheduler vs diffusers pinned numbers', () => {
  it('full loop, epsilon', () => expectPinned(sigmaLoop(make()), { sum: 10.0807, mean: 0.0131 }));
  it('full loop, v_prediction', () =>
    expectPinned(sigmaLoop(make({ prediction_type: 'v_prediction' })), {
      sum: 0.0002,
      mean: 2.2676e-6,
    }));
  it('full loop, Karras sigmas', () =>
    expectPinned(sigmaLoop(make({ use_karras_sigmas: true })), {
      sum: 124.52299499511719,
      mean: 0.16213932633399963,
    }));

  it('full loop with noise added at timesteps[8]', () => {
    const s = make();
    const ts = s.timesteps.slice(8 * s.order);
    const x = s.addNoise(
      dummySampleDeter().map((v) => v * s.initNoiseSigma),
      dummyNoiseDeter(),
      ts[0],
    );
    expectPinned(sigmaLoop(s, ts, x), { sum: 57062.9297, mean: 74.3007 });
  });

  it('linspace timesteps are float32 values of linspace(0, 1099, 10)', () => {
    const s = make();
    expect(s.timesteps[0]).toBe(1099);
    expect(s.timesteps[1]).toBe(Math.fround(8 * (1099 / 9)));
    expect(s.timesteps[8]).toBe(Math.fround(1099 / 9));
    expect(s.sigmas).toHaveLength(11);
    expect(s.sigmas[10]).toBe(0);
  });
});
