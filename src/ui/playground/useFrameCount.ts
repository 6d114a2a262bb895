import { useSyncExternalStore } from 'react';
import type { FrameBuffer } from '../../state/frames';

/** The number of frames computed so far, as React state (re-renders only when it changes). */
export function useFrameCount(frames: FrameBuffer<unknown>): number {
  return useSyncExternalStore(
    (fn) => frames.subscribe(fn),
    () => frames.count,
  );
}
