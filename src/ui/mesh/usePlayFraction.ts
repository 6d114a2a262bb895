import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../state/store';

/** Seconds a play from t = 1 to t = 0 takes at speed 1. */
const PLAY_SECONDS = 6;

/**
 * The mesh view's time fraction (URL field `t`) and a play button that sweeps it from 1 down
 * to 0. While playing the fraction lives here (animation frames do not rewrite the URL); it is
 * written back when playing stops.
 */
export function usePlayFraction() {
  const stored = useStore((s) => s.params.t);
  const speed = useStore((s) => s.params.speed);
  const setParam = useStore((s) => s.setParam);
  const [live, setLive] = useState<number | null>(null);
  const liveRef = useRef<number | null>(null);
  const playing = live !== null;

  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function tick(now) {
      const next = Math.max(
        0,
        (liveRef.current ?? 1) - ((now - last) / 1000 / PLAY_SECONDS) * speed,
      );
      last = now;
      liveRef.current = next;
      if (next <= 0) {
        liveRef.current = null;
        setLive(null);
        setParam('t', 0);
        return;
      }
      setLive(next);
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, setParam]);

  const toggle = () => {
    if (playing) {
      const at = liveRef.current ?? stored;
      liveRef.current = null;
      setLive(null);
      setParam('t', Number(at.toFixed(3)));
    } else {
      const start = stored <= 0 ? 1 : stored;
      liveRef.current = start;
      setLive(start);
    }
  };

  return {
    fraction: live ?? stored,
    setFraction: (v: number) => setParam('t', v),
    playing,
    toggle,
  };
}
