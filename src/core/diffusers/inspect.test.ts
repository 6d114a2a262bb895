import { describe, expect, it } from 'vitest';
import { inspectDiffusersConfig } from './inspect';

// Stable Diffusion v1.5's scheduler/scheduler_config.json, as published on the Hub.
const SD15 = `{
  "_class_name": "PNDMScheduler",
  "_diffusers_version": "0.6.0",
  "beta_end": 0.012,
  "beta_schedule": "scaled_linear",
  "beta_start": 0.00085,
  "num_train_timesteps": 1000,
  "set_alpha_to_one": false,
  "skip_prk_steps": true,
  "steps_offset": 1,
  "trained_betas": null,
  "clip_sample": false
}`;

describe('inspectDiffusersConfig', () => {
  it('gives the published timesteps and lists the keys the class does not take', () => {
    const r = inspectDiffusersConfig(SD15, 50);
    expect(r.className).toBe('PNDMScheduler');
    expect(r.timesteps.slice(0, 4)).toEqual([981, 961, 961, 941]);
    expect(r.unsupportedKeys).toEqual(['clip_sample']);
    // The same config as DDIM, 10 steps: "leading" spacing plus steps_offset 1 (diffusers' docs).
    const ddim = inspectDiffusersConfig(SD15.replace('PNDMScheduler', 'DDIMScheduler'), 10);
    expect(ddim.timesteps).toEqual([901, 801, 701, 601, 501, 401, 301, 201, 101, 1]);
    expect(ddim.unsupportedKeys).toEqual(['skip_prk_steps']);
  });

  it('says clearly what is wrong with bad input', () => {
    expect(() => inspectDiffusersConfig('{"_class_name": "DDIMScheduler",', 10)).toThrow(
      /^not valid JSON: /,
    );
    expect(() => inspectDiffusersConfig('[1, 2]', 10)).toThrow(/one JSON object.*an array/);
    expect(() => inspectDiffusersConfig('{"_class_name": "Nope"}', 10)).toThrow(
      /unsupported _class_name "Nope"/,
    );
    expect(() => inspectDiffusersConfig(SD15, 5000)).toThrow(/numInferenceSteps must be/);
  });
});
