/**
 * Fixtures of diffusers' SchedulerCommonTest (tests/schedulers/test_schedulers.py), so our
 * tests run the exact loops whose results diffusers pins: a 4×3×8×8 sample built from
 * arange, and a dummy model returning sample · t / (t + 1).
 */
import type { DiffusersScheduler } from './scheduler';

const [B, C, H, W] = [4, 3, 8, 8];
export const DUMMY_BATCH = B;

/** arange(N) (optionally reversed) reshaped to (C, H, W, B), / N, permuted to (B, C, H, W). */
function arangeSample(flip: boolean): Float64Array {
  const n = B * C * H * W;
  const out = new Float64Array(n);
  for (let b = 0; b < B; b++)
    for (let c = 0; c < C; c++)
      for (let h = 0; h < H; h++)
        for (let w = 0; w < W; w++) {
          const k = ((c * H + h) * W + w) * B + b;
          out[((b * C + c) * H + h) * W + w] = (flip ? n - 1 - k : k) / n;
        }
  return out;
}

/** `dummy_sample_deter`. */
export const dummySampleDeter = (): Float64Array => arangeSample(false);
/** `dummy_noise_deter`. */
export const dummyNoiseDeter = (): Float64Array => arangeSample(true);

/** `dummy_model()(sample, t)`. */
export const dummyModel = (sample: Float64Array, t: number): Float64Array =>
  sample.map((x) => (x * t) / (t + 1));

/** torch.sum(|x|) and torch.mean(|x|). */
export function absSumMean(x: Float64Array): { sum: number; mean: number } {
  let s = 0;
  for (const v of x) s += Math.abs(v);
  return { sum: s, mean: s / x.length };
}

/** The diffusers test loop: note that step() receives the *scaled* sample, as in the test. */
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
