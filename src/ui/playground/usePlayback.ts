import { useEffect } from 'react';
import { useStore } from '../../state/store';
import type { FrameBuffer } from '../../state/frames';
import { pageCores, runSaturatesCores, SATURATED_FRAME_MS } from '../../state/drawBudget';

/** Frames shown per second at speed 1. */
const BASE_FPS = 12;

/**
 * Advances the playback position while playing, up to the frames computed so far: every display
 * frame, or every SATURATED_FRAME_MS while the run computes on every core (drawing less leaves
 * the cores to the run; the position moves at the same speed, in longer strides).
 */
export function usePlaybackClock(frames: FrameBuffer<unknown>, also?: FrameBuffer<unknown>): void {
  const playing = useStore((s) => s.playback.playing);
  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = performance.now();
    let carry = 0;
    const tick = (now: number) => {
      const { playback, params, setPlayback } = useStore.getState();
      carry += ((now - last) / 1000) * BASE_FPS * params.speed;
      last = now;
      const advance = Math.floor(carry);
      if (advance > 0) {
        carry -= advance;
        const limit = Math.min(frames.count, also?.count ?? Infinity) - 1;
        const next = Math.min(limit, playback.step + advance);
        if (next !== playback.step) setPlayback({ step: next });
        else if (frames.count > frames.total && (!also || also.count > also.total))
          setPlayback({ playing: false });
      }
      schedule();
    };
    const schedule = () => {
      if (runSaturatesCores(useStore.getState(), pageCores()))
        timer = setTimeout(() => tick(performance.now()), SATURATED_FRAME_MS);
      else raf = requestAnimationFrame(tick);
    };
    schedule();
    return () => {
      cancelAnimationFrame(raf);
      clearTimeout(timer);
    };
  }, [playing, frames, also]);
}
