import { LossCurve, mean } from '../core/metrics/lossCurve';
import type { TrainHandle } from '../worker/client/client';
import { learnedSchedule } from './learnedSchedule';
import {
  type TrainFromWorker,
  type TrainSnapshotInfo,
  type TrainSnapshotParts,
  type TrainedFiles,
} from '../worker/protocol';

export type TrainRunState = 'idle' | 'starting' | 'running' | 'paused' | 'error';

export interface Snapshot extends TrainSnapshotParts {
  info: TrainSnapshotInfo;
  /** Mean over the snapshot's times of E‖D_θ − D*‖² (NaN without an error curve). */
  meanError: number;
}

/** Error curves kept for the chart: the run's start and the latest few. */
const ERROR_HISTORY = 4;
/** Chunks averaged for the steps-per-second readout. */
const RATE_CHUNKS = 20;
/** Loss chunks notify the views at most this often (they redraw a chart and a readout). */
export const LOSS_NOTIFY_MS = 200;

/**
 * The live record of the train view's run, outside React and the store (the worker streams
 * arrays into it): losses, the latest snapshot, the step-0 snapshot it is measured against,
 * recent error curves, state and speed. Views subscribe and redraw.
 */
export class TrainSession {
  readonly losses = new LossCurve(0.98);
  /** A hybrid run's two terms, L_simple and L_vlb (empty for other runs). */
  readonly termLosses = { simple: new LossCurve(0.98), vlb: new LossCurve(0.98) };
  /** A VDM run's variance over each step's batch of the per-example bound. */
  readonly variances = new LossCurve(0.98);
  state: TrainRunState = 'idle';
  step = 0;
  /** Training steps per second over the latest chunks (the worker's time in Adam steps). */
  stepsPerSecond = NaN;
  private chunks: { steps: number; seconds: number }[] = [];
  error: string | null = null;
  snapshot: Snapshot | null = null;
  /** The snapshot at step 0 of this run (or after its latest reset). */
  initial: Snapshot | null = null;
  history: Snapshot[] = [];
  /** The latest weights saved from this run (the shipped format), and their step. */
  saved: { step: number; files: TrainedFiles } | null = null;
  /** The live run's handle in the worker client; null when none. */
  handle: TrainHandle | null = null;
  /** The settings the run started from (to say when the controls no longer match it). */
  startedFrom = '';
  /** Bumped on every change, for useSyncExternalStore. */
  version = 0;
  private listeners = new Set<() => void>();
  private lastNotified = 0;
  private pending: ReturnType<typeof setTimeout> | null = null;
  /** Draws of the latest change that views have scheduled and not yet made. */
  private unmadeDraws = 0;
  /** The worker waits for 'shown' after each loss chunk and snapshot (TrainJob.pageWaitMs). */
  private owesShown = false;

  begin(startedFrom: string): void {
    this.handle?.stop();
    this.handle = null;
    this.startedFrom = startedFrom;
    this.saved = null;
    this.losses.clear();
    this.termLosses.simple.clear();
    this.termLosses.vlb.clear();
    this.variances.clear();
    this.state = 'starting';
    this.step = 0;
    this.stepsPerSecond = NaN;
    this.chunks = [];
    this.error = null;
    this.snapshot = null;
    this.initial = null;
    this.history = [];
    this.notify();
  }

  receive(msg: Exclude<TrainFromWorker, { type: 'trainChecked' }>): void {
    switch (msg.type) {
      case 'trainSaved':
        this.saved = {
          step: msg.step,
          files: {
            modelJson: msg.modelJson,
            weights: { 'weights.bin': new Uint8Array(msg.weightsBin) },
          },
        };
        break;
      case 'trainLoss':
        this.losses.add(msg.firstStep, msg.losses);
        if (msg.terms) {
          this.termLosses.simple.add(msg.firstStep, msg.terms.simple);
          this.termLosses.vlb.add(msg.firstStep, msg.terms.vlb);
        }
        if (msg.variances) this.variances.add(msg.firstStep, msg.variances);
        this.step = msg.firstStep + msg.losses.length;
        this.chunks = [
          ...this.chunks.slice(1 - RATE_CHUNKS),
          { steps: msg.losses.length, seconds: msg.losses.length / msg.stepsPerSecond },
        ];
        this.stepsPerSecond =
          this.chunks.reduce((n, c) => n + c.steps, 0) /
          this.chunks.reduce((t, c) => t + c.seconds, 0);
        this.owesShown = true;
        this.notifySoon();
        return;
      case 'trainState':
        this.state = msg.state;
        this.step = msg.step;
        if (msg.step === 0)
          for (const curve of [
            this.losses,
            this.termLosses.simple,
            this.termLosses.vlb,
            this.variances,
          ])
            curve.clear();
        break;
      case 'trainSnapshot': {
        const { parts } = msg;
        const snap = { ...parts, info: msg.info, meanError: mean(parts.error) };
        if (msg.info.step === 0) {
          this.initial = snap;
          this.history = [];
        }
        this.snapshot = snap;
        this.history = [...this.history.filter((h) => h.info.step !== msg.info.step), snap]
          .filter((h) => h.info.step > 0)
          .slice(-ERROR_HISTORY);
        if (this.state === 'starting') this.state = 'running';
        const { vdm } = msg.info;
        if (vdm)
          learnedSchedule.set({ t: vdm.t, gamma: vdm.gamma, label: `step ${msg.info.step}` });
        this.owesShown = true;
        break;
      }
    }
    this.notify();
    this.replyShown();
  }

  /**
   * A view will draw the latest change in a coming frame: the worker hears 'shown' once every
   * such draw is made. Call the returned function when drawn (or when the draw is dropped).
   */
  willDraw(): () => void {
    this.unmadeDraws++;
    let made = false;
    return () => {
      if (made) return;
      made = true;
      this.unmadeDraws--;
      this.replyShown();
    };
  }

  fail(message: string): void {
    this.handle = null;
    this.state = 'error';
    this.error = message;
    this.notify();
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getVersion = (): number => this.version;

  private notify(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = null;
    this.lastNotified = Date.now();
    this.version++;
    for (const fn of this.listeners) fn();
  }

  /** Notifies now if the last notification is old enough, else once when it is. */
  private notifySoon(): void {
    const wait = this.lastNotified + LOSS_NOTIFY_MS - Date.now();
    if (wait > 0) {
      this.pending ??= setTimeout(() => {
        this.notify();
        this.replyShown();
      }, wait);
      return;
    }
    this.notify();
    this.replyShown();
  }

  /** Tells the worker, after the task that made the last draw (so its frame is painted too). */
  private replyShown(): void {
    if (!this.owesShown || this.unmadeDraws > 0 || this.pending) return;
    this.owesShown = false;
    const handle = this.handle;
    setTimeout(() => handle?.control({ action: 'shown' }), 0);
  }
}

/** The train view's session (one per page, so switching tabs keeps the run's record). */
export const trainSession = new TrainSession();
