import type { FrameInfo, SceneFrame } from '../worker/protocol';

/** What every particle frame holds: the particles, flat (x, y). */
export interface Particles {
  x: Float32Array;
}

/** A kept frame of type F: scene frames by default (worker/protocol/scene.ts). */
export interface Frame<F = SceneFrame> {
  step: number;
  info: FrameInfo;
  data: F;
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
export class FrameBuffer<F = SceneFrame> {
  private frames: Frame<F>[] = [];
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

  push(frame: Frame<F>): void {
    this.frames[frame.step] = frame;
    this.notify();
  }

  get count(): number {
    return this.frames.length;
  }

  at(step: number): Frame<F> | undefined {
    return this.frames[Math.max(0, Math.min(step, this.frames.length - 1))];
  }

  /** The particles of a frame. */
  points(frame: Frame<Particles>): Float32Array {
    return frame.data.x;
  }

  x0(frame: Frame): Float32Array {
    return frame.data.x0;
  }

  field(frame: Frame): Float32Array {
    return frame.data.field;
  }

  /** Particle blocks of the `count` frames before `step`, oldest first (for fading trails). */
  trail(this: FrameBuffer<Particles>, step: number, count: number): Float32Array[] {
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
