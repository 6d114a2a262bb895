/**
 * The course's figures share one worker, which runs one job at a time. A figure on screen asks
 * for its run here; the queue starts one run at a time, in the order they were asked for, and a
 * figure that leaves the screen withdraws: its waiting request is dropped, or its running job is
 * cancelled. So no figure runs while off screen and none supersedes another mid-run.
 */
export interface QueuedRun {
  /** A figure's key (unique on the page). */
  id: string;
  /** Starts the run; returns how to cancel it. */
  start(): () => void;
}

export class RunQueue {
  private waiting: QueuedRun[] = [];
  private running: { run: QueuedRun; cancel: () => void } | null = null;

  /** Asks for a run; a figure already waiting or running is not queued twice. */
  request(run: QueuedRun): void {
    if (this.running?.run.id === run.id || this.waiting.some((w) => w.id === run.id)) return;
    this.waiting.push(run);
    this.pump();
  }

  /** Withdraws a figure's request; cancels its run if it is the one running. */
  withdraw(id: string): void {
    this.waiting = this.waiting.filter((w) => w.id !== id);
    if (this.running?.run.id === id) {
      const { cancel } = this.running;
      this.running = null;
      cancel();
      this.pump();
    }
  }

  /** The running figure's job ended (done or failed): the next request starts. */
  finished(id: string): void {
    if (this.running?.run.id !== id) return;
    this.running = null;
    this.pump();
  }

  /** Which figure runs now (tests and the status line). */
  get current(): string | null {
    return this.running?.run.id ?? null;
  }

  private pump(): void {
    if (this.running) return;
    const next = this.waiting.shift();
    if (!next) return;
    const entry = { run: next, cancel: () => {} };
    this.running = entry;
    entry.cancel = next.start();
  }
}

/** The one queue of the page's course figures. */
export const courseRuns = new RunQueue();
