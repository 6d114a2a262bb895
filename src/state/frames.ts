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

/** Asks for the field of a step of the current run. */
export type FieldAsk = (step: number) => Promise<Float32Array>;

/**
 * Fields fetched one at a time, newest wish first: while one is computed, only the latest step
 * asked for is remembered, so a fast playback asks for the frames it shows, not every frame.
 */
class OnDemandFields {
  private byStep = new Map<number, Float32Array>();
  private source: FieldAsk | null = null;
  private wanted: number | null = null;
  /** The step whose field is being computed, or null. */
  private inFlight: number | null = null;
  private last: Float32Array | null = null;
  /** Bumped by reset, so an answer for an earlier run is dropped. */
  private generation = 0;

  constructor(private readonly arrived: () => void) {}

  reset(source: FieldAsk | null): void {
    this.byStep.clear();
    this.source = source;
    this.wanted = null;
    this.inFlight = null;
    this.last = null;
    this.generation++;
  }

  get(step: number): Float32Array | null {
    const got = this.byStep.get(step);
    if (got) return got;
    if (step !== this.inFlight) this.wanted = step;
    this.fetch();
    return this.last;
  }

  /** Settles once the field of `step` is here (or cannot come): for exports that draw each step. */
  async ready(step: number): Promise<void> {
    const source = this.source;
    if (!source || this.byStep.has(step)) return;
    const generation = this.generation;
    const field = await source(step).catch(() => null);
    if (field && generation === this.generation) this.byStep.set(step, field);
  }

  private fetch(): void {
    const { source, wanted: step, generation } = this;
    if (this.inFlight !== null || !source || step === null) return;
    if (this.byStep.has(step)) {
      this.wanted = null;
      return;
    }
    this.wanted = null;
    this.inFlight = step;
    const settle = (field: Float32Array | null) => {
      if (generation !== this.generation) return;
      this.inFlight = null;
      if (field) {
        this.byStep.set(step, field);
        this.last = field;
        this.arrived();
      }
      this.fetch();
    };
    // A run the worker no longer holds (superseded, or the worker restarted) has no fields.
    source(step).then(settle, () => settle(null));
  }
}

const nextDisplayFrame = (fn: () => void) =>
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame(fn) : setTimeout(fn, 0);

/**
 * While a run streams, listeners hear of its frames at most this often: playback shows 12 frames
 * a second, and every redraw on the page's thread is time the run's threads do not get on a
 * machine with few cores. The run's last frame, a reset and a field go out on the next display
 * frame.
 */
export const STREAM_NOTIFY_MS = 100;

/**
 * The frames of the current run, written by the worker client and read by the views, outside
 * React and zustand (per-step arrays never go through the store). Frames are kept so the
 * user can step back and scrub without recomputing.
 */
export class FrameBuffer<F = SceneFrame> {
  private frames: Frame<F>[] = [];
  private listeners = new Set<() => void>();
  private scheduled = false;
  /** The pending throttled notice of streamed frames, if any. */
  private throttled: ReturnType<typeof setTimeout> | null = null;
  private lastNotified = -Infinity;
  private fields = new OnDemandFields(() => this.notify());
  total = 0;
  particles = 0;
  /** The settings of the current run: a frame with another key is stale and must not be drawn. */
  key = '';

  /** `noticeMs`: the least time between notices of streamed frames (STREAM_NOTIFY_MS unless told). */
  constructor(private readonly noticeMs: () => number = () => STREAM_NOTIFY_MS) {}

  reset(total: number, particles: number, key = ''): void {
    this.frames = [];
    this.fields.reset(null);
    this.total = total;
    this.particles = particles;
    this.key = key;
    this.notify();
  }

  push(frame: Frame<F>): void {
    this.frames[frame.step] = frame;
    if (frame.step >= this.total) this.notify();
    else this.notifyStreaming();
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

  /**
   * Where the fields of frames that come without one are asked for (a scene run's worker), or
   * null; set after each reset.
   */
  askFieldsOf(source: FieldAsk | null): void {
    this.fields.reset(source);
  }

  /** Settles once the field of `step` can be drawn (GIF export waits for it at each step). */
  fieldReady(step: number): Promise<void> {
    return this.fields.ready(step);
  }

  /**
   * A frame's score field: the one it came with (lockstep lanes stream theirs), else asked of the
   * worker for this frame, as it is drawn: only drawn frames pay the grid's model evaluation.
   * Until it arrives, the last field that did (close in σ while playing), or null.
   */
  field(frame: Frame): Float32Array | null {
    return frame.data.field.length > 0 ? frame.data.field : this.fields.get(frame.step);
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
   * Listeners hear of changes at most once per display frame (and of streamed frames at most
   * every noticeMs()): a fast run streams far more frames than the screen shows, and
   * drawing each would freeze the page.
   */
  private notify(): void {
    if (this.throttled !== null) clearTimeout(this.throttled);
    this.throttled = null;
    if (this.scheduled) return;
    this.scheduled = true;
    nextDisplayFrame(() => {
      this.scheduled = false;
      this.lastNotified = performance.now();
      for (const fn of this.listeners) fn();
    });
  }

  /** A streamed frame: notify once noticeMs() have passed since the last notice. */
  private notifyStreaming(): void {
    if (this.scheduled || this.throttled !== null) return;
    const wait = this.lastNotified + this.noticeMs() - performance.now();
    if (wait <= 0) this.notify();
    else this.throttled = setTimeout(() => this.notify(), wait);
  }
}
