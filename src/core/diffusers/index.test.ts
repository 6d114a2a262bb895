import { describe, expect, it } from 'vitest';
import { SUPPORTED_SCHEDULERS, fromDiffusersConfig } from './index';

// Stable Diffusion v1.5's scheduler/scheduler_config.json, as published on the Hub.
const sd15 = {
  _class_name: 'PNDMScheduler',
  _diffusers_version: '0.6.0',
  beta_end: 0.012,
  beta_schedule: 'scaled_linear',
  beta_start: 0.00085,
  num_train_timesteps: 1000,
  set_alpha_to_one: false,
  skip_prk_steps: true,
  steps_offset: 1,
  trained_betas: null,
  clip_sample: false,
};

describe('fromDiffusersConfig', () => {
  it('dispatches on _class_name and reports keys the class does not take', () => {
    const s = fromDiffusersConfig(sd15);
    expect(s.className).toBe('PNDMScheduler');
    expect(s.unsupportedKeys).toEqual(['clip_sample']);
    expect(s.warnings[0]).toMatch(/clip_sample/);
    s.setTimesteps(50);
    // Stable Diffusion's familiar PNDM schedule: 981, 961, 961, 941, …, 21, 1 (the PLMS warm-up repeats 961).
    expect(s.timesteps.slice(0, 4)).toEqual([981, 961, 961, 941]);
    expect(s.timesteps).toHaveLength(51);
    expect(s.timesteps[50]).toBe(1);
  });

  it('the same config switched to DDIM takes clip_sample but not skip_prk_steps', () => {
    const s = fromDiffusersConfig({ ...sd15, _class_name: 'DDIMScheduler' });
    expect(s.unsupportedKeys).toEqual(['skip_prk_steps']);
  });

  it('an unknown class is an error naming every supported class', () => {
    expect(() => fromDiffusersConfig({ _class_name: 'KarrasVeScheduler' })).toThrow(
      /KarrasVeScheduler.*DDIMScheduler/,
    );
    expect(() => fromDiffusersConfig({})).toThrow(/unsupported _class_name/);
    expect(SUPPORTED_SCHEDULERS).toEqual(
      expect.arrayContaining([
        'DDPMScheduler',
        'DDIMScheduler',
        'PNDMScheduler',
        'EulerDiscreteScheduler',
        'EulerAncestralDiscreteScheduler',
        'HeunDiscreteScheduler',
        'LMSDiscreteScheduler',
        'EDMEulerScheduler',
      ]),
    );
  });

  it('bad values are clear errors naming the key', () => {
    expect(() =>
      fromDiffusersConfig({ _class_name: 'DDIMScheduler', beta_schedule: 'quadratic' }),
    ).toThrow(/beta_schedule must be one of/);
    expect(() =>
      fromDiffusersConfig({ _class_name: 'DDIMScheduler', num_train_timesteps: 0 }),
    ).toThrow(/num_train_timesteps/);
    expect(() =>
      fromDiffusersConfig({ _class_name: 'EulerDiscreteScheduler', prediction_type: 'x0' }),
    ).toThrow(/prediction_type/);
    expect(() =>
      fromDiffusersConfig({ _class_name: 'DDPMScheduler', variance_type: 'learned_range' }),
    ).toThrow(/variance_type/);
  });

  it('an unimplemented option at a non-default value is reported, at its default it is silent', () => {
    expect(
      fromDiffusersConfig({ _class_name: 'EulerDiscreteScheduler', use_beta_sigmas: true })
        .unsupportedKeys,
    ).toEqual(['use_beta_sigmas']);
    expect(
      fromDiffusersConfig({ _class_name: 'EulerDiscreteScheduler', use_beta_sigmas: false })
        .unsupportedKeys,
    ).toEqual([]);
  });

  it('trained_betas override the schedule and num_train_timesteps', () => {
    const s = fromDiffusersConfig({
      _class_name: 'DDPMScheduler',
      trained_betas: [0.1, 0.3],
      num_train_timesteps: 1000,
    });
    expect(s.numTrainTimesteps).toBe(2);
    // x_1 = sqrt(ᾱ_1)·x0 + sqrt(1 − ᾱ_1)·ε with ᾱ_1 = 0.9 · 0.7.
    const x = s.addNoise(Float64Array.of(1), Float64Array.of(0), 1);
    expect(x[0]).toBeCloseTo(Math.sqrt(0.63), 6);
  });
});
