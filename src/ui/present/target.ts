/**
 * What presentation mode's keys act on. A view that has its own notion of steps (the course's
 * chapters and figures) registers itself here while presenting; otherwise the keys go to the
 * lesson list and the app's playback.
 */
export interface PresentTarget {
  prev(): void;
  next(): void;
  toggle(): void;
  rewind(): void;
  /** What the strip shows, e.g. "Chapter 3 · DDPM". */
  title: string;
}

let current: PresentTarget | null = null;
const listeners = new Set<() => void>();

export function setPresentTarget(target: PresentTarget | null): void {
  current = target;
  for (const fn of listeners) fn();
}

export function getPresentTarget(): PresentTarget | null {
  return current;
}

export function subscribePresentTarget(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
