/**
 * The deterministic setup of diffusers' scheduler tests (tests/schedulers/test_schedulers.py,
 * SchedulerCommonTest), so our tests run the exact loops whose results diffusers pins:
 * `dummy_sample_deter` = arange(N)/N laid out as (channels, …, batch) and permuted to
 * batch-first, `dummy_noise_deter` = the same with the arange flipped, and the dummy
 * model `sample · t / (t + 1)`. Arrays here are batch-major, so item b holds the values
 * (batch·k + b)/N for k = 0 … N/batch − 1, as torch's (b, c, h, w) memory order does.
 */
import { expect } from 'vitest';
import type { DiffusersScheduler } from './scheduler';

export const BATCH = 4;
/** 4 × 3 × 8 × 8 (the 2D tests) or 4 × 3 × 8 (UniPC's 1D tests). */
export const ELEMS_2D = 4 * 3 * 8 * 8;
export const ELEMS_1D = 4 * 3 * 8;

function deter(numElems: number, flip: boolean): Float64Array {
  const per = numElems / BATCH;
  const out = new Float64Array(numElems);
  for (let b = 0; b < BATCH; b++) {
    for (let k = 0; k < per; k++) {
      const v = BATCH * k + b;
      out[b * per + k] = (flip ? numElems - 1 - v : v) / numElems;
    }
  }
  return out;
}

/** `dummy_sample_deter`. */
export const dummySampleDeter = (numElems = ELEMS_2D): Float64Array => deter(numElems, false);
/** `dummy_noise_deter`. */
export const dummyNoiseDeter = (numElems = ELEMS_2D): Float64Array => deter(numElems, true);

/** `dummy_model()(sample, t)`. */
export const dummyModel = (sample: Float64Array, t: number): Float64Array =>
  sample.map((x) => (x * t) / (t + 1));

/** torch.sum(torch.abs(x)) and torch.mean(torch.abs(x)). */
export const sumAbs = (x: Float64Array): number => x.reduce((s, v) => s + Math.abs(v), 0);
export const meanAbs = (x: Float64Array): number => sumAbs(x) / x.length;

/**
 * diffusers' pinned `result_sum` / `result_mean` of |x|, to diffusers' own tolerances
 * (1e-2 on the sum, 1e-3 on the mean) unless a test there states others.
 */
export function expectPinned(
  x: Float64Array,
  pinned: { sum?: number; mean?: number },
  tol: { sum?: number; mean?: number } = {},
): void {
  if (pinned.sum !== undefined)
    expect(Math.abs(sumAbs(x) - pinned.sum)).toBeLessThan(tol.sum ?? 1e-2);
  if (pinned.mean !== undefined)
    expect(Math.abs(meanAbs(x) - pinned.mean)).toBeLessThan(tol.mean ?? 1e-3);
}

/** diffusers' `full_loop`: set_timesteps(n), then step the dummy model over every timestep. */
export function fullLoop(s: DiffusersScheduler, n = 10, numElems = ELEMS_2D): Float64Array {
  s.setTimesteps(n);
  let sample = dummySampleDeter(numElems);
  for (const t of s.timesteps)
    sample = s.step(dummyModel(sample, t), t, sample, { batchSize: BATCH }).prevSample;
  return sample;
}

/**
 * diffusers' `test_full_loop_with_noise`: noise the deterministic sample to
 * timesteps[tStart] with the deterministic noise, then denoise from there.
 */
export function loopWithNoise(
  s: DiffusersScheduler,
  tStart: number,
  n = 10,
  numElems = ELEMS_2D,
): Float64Array {
  s.setTimesteps(n);
  const timesteps = s.timesteps.slice(tStart);
  let sample = s.addNoise(dummySampleDeter(numElems), dummyNoiseDeter(numElems), timesteps[0]);
  for (const t of timesteps) sample = s.step(dummyModel(sample, t), t, sample).prevSample;
  return sample;
}

/**
 * The σ-scheduler test loop (test_scheduler_euler.py, _lms.py, _heun.py): x_T scaled by
 * init_noise_sigma, and step() receives the *scaled* model input, as in those tests.
 */
export function sigmaLoop(
  s: DiffusersScheduler,
  timesteps = s.timesteps,
  start?: Float64Array,
): Float64Array {
  let x = start ?? dummySampleDeter().map((v) => v * s.initNoiseSigma);
  for (const t of timesteps) {
    x = s.scaleModelInput(x, t);
    x = s.step(dummyModel(x, t), t, x).prevSample;
  }
  return x;
}
