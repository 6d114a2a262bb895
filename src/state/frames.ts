import type { FrameInfo } from '../worker/protocol';

export interface Frame {
  step: number;
  info: FrameInfo;
  /** [x (2n) | x0 (2n) | field (2·size²)], see worker/protocol.ts. */
  data: Float32Array;
  /** The settings of the run that made the frame (the key the buffer was reset with). */
  key?: string;
}

const nextDisplayFrame = (fn: () => void) =>
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame(fn) : setTimeout(fn, 0);

/**
 * The frames of the current run, written by the worker client and read by the views, outside
 * React and zustand (per-step arrays never go through the store). Frames are kept so the
 * user can step back and scrub without recomputing.
 */
export class FrameBuffer {
  private frames: Frame[] = [];
  private listeners = new Set<() => void>();
  private scheduled = false;
  total = 0;
  particles = 0;
  /** The settings of the current run: a frame with another key is stale and must not be drawn. */
  key = '';

  reset(total: number, particles: number, key = ''): void {
    this.frames = [];
    this.total = total;
    this.particles = particles;
    this.key = key;
    this.notify();
  }

  push(frame: Frame): void {
    this.frames[frame.step] = frame;
    this.notify();
  }

  get count(): number {
    return this.frames.length;
  }

  at(step: number): Frame | undefined {
    return this.frames[Math.max(0, Math.min(step, this.frames.length - 1))];
  }

  /** The particle block of a frame (a view, no copy). */
  points(frame: Frame): Float32Array {
    return frame.data.subarray(0, 2 * this.particles);
  }

  x0(frame: Frame): Float32Array {
    return frame.data.subarray(2 * this.particles, 4 * this.particles);
  }

  field(frame: Frame): Float32Array {
    return frame.data.subarray(4 * this.particles);
  }

  /** Particle blocks of the `count` frames before `step`, oldest first (for fading trails). */
  trail(step: number, count: number): Float32Array[] {
    const out: Float32Array[] = [];
    for (let s = Math.max(0, step - count); s < step; s++) {
      const f = this.frames[s];
      if (f) out.push(this.points(f));
    }
    return out;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Listeners hear of new frames at most once per display frame: a fast run streams far more
   * frames than the screen shows, and drawing each would freeze the page.
   */
  private notify(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    nextDisplayFrame(() => {
      this.scheduled = false;
      for (const fn of this.listeners) fn();
    });
  }
}
