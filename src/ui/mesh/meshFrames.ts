import type { LatticeFrame, MeshFrame, StraightnessFrame } from '../../worker/protocol';

/**
 * The frames of the current mesh run, per lane (0 flow, 1 diffusion), kept outside React and
 * the store like the playground's FrameBuffer: the worker client writes, the panels read.
 */
export class MeshFrames {
  lattice: LatticeFrame[][] = [[], []];
  straightness: (StraightnessFrame | null)[] = [null, null];
  lines = 0;
  /** Bumped on every change (for useSyncExternalStore). */
  version = 0;
  private listeners = new Set<() => void>();

  reset(lines: number): void {
    this.lattice = [[], []];
    this.straightness = [null, null];
    this.lines = lines;
    this.notify();
  }

  push(frame: MeshFrame): void {
    if (frame.kind === 'lattice') this.lattice[frame.lane][frame.frame] = frame;
    else this.straightness[frame.lane] = frame;
    this.notify();
  }

  /** The process times of a lane's frames so far, descending. */
  times(lane: number): number[] {
    return this.lattice[lane].map((f) => f.t);
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private notify(): void {
    this.version++;
    for (const fn of this.listeners) fn();
  }
}
