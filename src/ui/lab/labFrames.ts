import { MAX_LANES } from '../../core/lab/lockstep';
import { FrameBuffer } from '../../state/frames';

/** One frame buffer per lockstep lane (frames arrive tagged with their lane). */
export const LANE_FRAMES: readonly FrameBuffer[] = Array.from(
  { length: MAX_LANES },
  () => new FrameBuffer(),
);

/**
 * The frame of a lane to show when the clock lane is at noise level σ: the last frame at
 * or above σ, so every panel shows its state at the same point of the noise schedule.
 */
export function frameIndexAtSigma(frames: FrameBuffer, sigma: number): number {
  let index = 0;
  for (let k = 0; k < frames.count; k++) {
    const f = frames.at(k);
    if (!f || f.info.sigma < sigma * (1 - 1e-9)) break;
    index = k;
  }
  return index;
}

/** Wall time the lane's worker steps took up to frame `index` (FrameInfo.ms per step). */
export function elapsedMs(frames: FrameBuffer, index: number): number {
  let total = 0;
  for (let k = 1; k <= index; k++) total += frames.at(k)?.info.ms ?? 0;
  return total;
}
