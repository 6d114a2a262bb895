import { useEffect, useRef } from 'react';

export interface PlaybackKeyActions {
  toggle(): void;
  step(delta: number): void;
  reset(): void;
}

/** Elements that own these keys themselves (typing, choosing, sliding). */
const OWNS_ARROWS = 'input, select, textarea, [contenteditable="true"], [role="tablist"]';
const OWNS_SPACE = `${OWNS_ARROWS}, button, a, summary`;

/**
 * Page-wide playback keys: space plays or pauses, ← and → step, R rewinds to x_T. A key is left
 * alone where the focused element uses it (space on a button presses that button, arrows move a
 * slider or a select), and with Ctrl, Alt or Meta held.
 */
export function usePlaybackKeys(actions: PlaybackKeyActions): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey) return;
      const target = e.target instanceof Element ? e.target : null;
      const owns = (selector: string) => target?.closest(selector) != null;
      const a = latest.current;
      if (e.key === ' ' && !owns(OWNS_SPACE)) a.toggle();
      else if (e.key === 'ArrowLeft' && !owns(OWNS_ARROWS)) a.step(-1);
      else if (e.key === 'ArrowRight' && !owns(OWNS_ARROWS)) a.step(1);
      else if ((e.key === 'r' || e.key === 'R') && !owns(OWNS_ARROWS)) a.reset();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
