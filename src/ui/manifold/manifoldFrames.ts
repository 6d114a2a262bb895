import type { ManifoldFrame } from '../../worker/protocol';

type Of<K extends ManifoldFrame['kind']> = Extract<ManifoldFrame, { kind: K }>;

/**
 * The current run's frames, outside React (per-step arrays never enter the store): the data,
 * the forward frames, the score fields and each lane's frames. Views subscribe and read what
 * they draw; notifications are coalesced to one per display frame.
 */
export class ManifoldFrames {
  data: Float32Array | null = null;
  forward: Of<'forward'>[] = [];
  fields: Of<'field'>[] = [];
  lanes: Of<'lane'>[][] = [[], [], [], []];
  private listeners = new Set<() => void>();
  private pending = false;
  version = 0;

  reset(): void {
    this.data = null;
    this.forward = [];
    this.fields = [];
    this.lanes = [[], [], [], []];
    this.notify();
  }

  push(frame: ManifoldFrame): void {
    if (frame.kind === 'data') this.data = frame.points;
    else if (frame.kind === 'forward') this.forward[frame.frame] = frame;
    else if (frame.kind === 'field') this.fields.push(frame);
    else this.lanes[frame.lane][frame.frame] = frame;
    this.notify();
  }

  /** The score field computed nearest to forward frame k. */
  fieldNear(k: number): Of<'field'> | null {
    let best: Of<'field'> | null = null;
    for (const f of this.fields)
      if (!best || Math.abs(f.frame - k) < Math.abs(best.frame - k)) best = f;
    return best;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private notify(): void {
    if (this.pending) return;
    this.pending = true;
    const flush = () => {
      this.pending = false;
      this.version++;
      for (const l of this.listeners) l();
    };
    if (typeof requestAnimationFrame === 'undefined') flush();
    else requestAnimationFrame(flush);
  }
}
