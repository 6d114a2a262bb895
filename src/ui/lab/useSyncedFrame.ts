import type { FrameBuffer } from '../../state/frames';
import { useStore } from '../../state/store';
import { useFrameCount } from '../playground/useFrameCount';
import { frameIndexAtSigma } from './labFrames';

/** The index of `frames` to show now: the playback step of the clock lane, matched by σ. */
export function useSyncedIndex(frames: FrameBuffer, clock: FrameBuffer): number {
  const step = useStore((s) => s.playback.step);
  useFrameCount(frames);
  useFrameCount(clock);
  const at = clock.at(step);
  return at ? frameIndexAtSigma(frames, at.info.sigma) : 0;
}
