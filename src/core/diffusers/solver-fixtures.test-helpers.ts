/**
 * The deterministic setup of diffusers' scheduler tests (tests/schedulers/test_schedulers.py):
 * `dummy_sample_deter` = arange(N)/N laid out as (channels, …, batch) and permuted to
 * batch-first, `dummy_noise_deter` = the same with the arange flipped, and the dummy
 * model `sample · t / (t + 1)`. Arrays here are batch-major, so item b holds the values
 * (batch·k + b)/N for k = 0 … N/batch − 1, as torch's (b, c, h, w) memory order does.
 * This extends testing.ts to UniPC's 1D (4 × 3 × 8) tests and adds the loops themselves.
 */
import type { DiffusersScheduler } from './scheduler';
import { DUMMY_BATCH, dummyModel } from './testing';

export const BATCH = DUMMY_BATCH;
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

export const dummySampleDeter = (numElems = ELEMS_2D): Float64Array => deter(numElems, false);
export const dummyNoiseDeter = (numElems = ELEMS_2D): Float64Array => deter(numElems, true);

export { dummyModel };
export const sumAbs = (x: Float64Array): number => x.reduce((s, v) => s + Math.abs(v), 0);
export const meanAbs = (x: Float64Array): number => sumAbs(x) / x.length;

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
