import { describe, expect, it } from 'vitest';
import * as core from './index';

/** The registry's sampler ids, in the documented order. */
const REQUIRED_SAMPLERS = [
  'ddpm',
  'ddim',
  'ddim-inversion',
  'euler',
  'euler-ancestral',
  'euler-maruyama',
  'heun',
  'rk45',
  'plms',
  'ipndm',
  'lms',
  'dpm-solver',
  'dpmpp-2m',
  'dpmpp-2s',
  'dpmpp-sde',
  'unipc',
  'deis',
  'annealed-langevin',
  'pc',
  'analytic-dpm',
];

describe('core public API (package export "./core")', () => {
  it('registers every sampler the survey lists', () => {
    for (const id of REQUIRED_SAMPLERS) expect(core.getSampler(id), id).toBeDefined();
  });

  it('exposes schedules, denoisers, data, metrics and diffusers compatibility', () => {
    for (const name of [
      'makeBetas',
      'makeDiscreteVP',
      'vpProcess',
      'subVpProcess',
      'veProcess',
      'edmProcess',
      'karrasSigmas',
      'spacedTimesteps',
      'sampleDataset',
      'slicedWasserstein1',
      'energyDistance',
      'mmd2',
      'fromDiffusersConfig',
    ]) {
      expect(typeof (core as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('runs a diffusers config end to end through the public entry', () => {
    const scheduler = core.fromDiffusersConfig({
      _class_name: 'DDIMScheduler',
      num_train_timesteps: 1000,
    });
    scheduler.setTimesteps(10);
    // diffusers' DDIMScheduler with "leading" spacing: 900, 800, ..., 0.
    expect(scheduler.timesteps).toEqual([900, 800, 700, 600, 500, 400, 300, 200, 100, 0]);
  });
});
