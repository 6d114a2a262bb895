import { describe, expect, it } from 'vitest';
import { EDMEulerScheduler } from './edm-euler';
import { dummyModel, dummySampleDeter, expectPinned } from './diffusers.testkit';

// Oracle: diffusers tests/schedulers/test_scheduler_edm_euler.py (sum tolerance 1e-3 there).
const base = { num_train_timesteps: 256, sigma_min: 0.002, sigma_max: 80.0 };

describe('EDMEulerScheduler vs diffusers pinned numbers', () => {
  it('full loop, epsilon (model sees the scaled sample, step gets the unscaled one)', () => {
    const s = new EDMEulerScheduler(base);
    s.setTimesteps(10);
    let x: Float64Array = dummySampleDeter().map((v) => v * s.initNoiseSigma);
    for (const t of s.timesteps) {
      const out = dummyModel(s.scaleModelInput(x, t), t);
      x = s.step(out, t, x).prevSample;
    }
    expectPinned(x, { sum: 34.1855, mean: 0.044 }, { sum: 1e-3 });
  });

  it('Karras σ grid ends at σ_min, σ_max then 0; timesteps are ¼ ln σ', () => {
    const s = new EDMEulerScheduler(base);
    s.setTimesteps(10);
    expect(s.sigmas[0]).toBeCloseTo(80, 4);
    expect(s.sigmas[9]).toBeCloseTo(0.002, 8);
    expect(s.sigmas[10]).toBe(0);
    expect(s.timesteps[0]).toBeCloseTo(0.25 * Math.log(80), 6);
    expect(s.initNoiseSigma).toBeCloseTo(Math.sqrt(6401), 12);
  });
});
