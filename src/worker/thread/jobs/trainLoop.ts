import type {
  TrainAction,
  TrainFromWorker,
  TrainJob,
  TrainSnapshotSpec,
  TrainState,
} from '../../protocol';
import { transferList } from '../transfer';
import { yieldToMessages, type JobContext } from './context';

type TrainSnapshotMessage = Extract<TrainFromWorker, { type: 'trainSnapshot' }>;
type TrainLossMessage = Extract<TrainFromWorker, { type: 'trainLoss' }>;

/** What the worker keeps per training run: set by control messages, read between chunks. */
export class TrainControl {
  paused: boolean;
  pendingSteps = 0;
  snapshotRequested = false;
  saveRequested = false;
  resetRequested = false;
  /** A loss chunk or snapshot went out that the page has not said it has drawn. */
  awaitingPage = false;
  /** Snapshot contents and interval from the latest 'view' action, for the run to take up. */
  view: { snapshot: TrainSnapshotSpec; snapshotEvery: number } | null = null;
  private wake: (() => void) | null = null;

  constructor(paused: boolean) {
    this.paused = paused;
  }

  apply(msg: TrainAction): void {
    switch (msg.action) {
      case 'pause':
        this.paused = true;
        this.pendingSteps = 0;
        break;
      case 'resume':
        this.paused = false;
        break;
      case 'step':
        this.pendingSteps += Math.max(0, Math.floor(msg.steps));
        break;
      case 'reset':
        this.resetRequested = true;
        break;
      case 'snapshot':
        this.snapshotRequested = true;
        break;
      case 'save':
        this.saveRequested = true;
        break;
      case 'view':
        this.view = { snapshot: msg.snapshot, snapshotEvery: msg.snapshotEvery };
        this.snapshotRequested = true;
        break;
      case 'shown':
        this.awaitingPage = false;
        break;
    }
    this.wake?.();
  }

  /** Resolves once the page has drawn what was sent, or after `ms` (a hidden page draws nothing). */
  async waitForPage(ms: number): Promise<void> {
    const deadline = performance.now() + ms;
    while (this.awaitingPage && performance.now() < deadline)
      await this.waitForChange(deadline - performance.now());
    this.awaitingPage = false;
  }

  /** Resolves on the next control message, or after `ms` (so a cancelled run notices). */
  waitForChange(ms = 200): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}

export interface TrainContext extends JobContext {
  control: TrainControl;
  send(msg: TrainFromWorker, transfer?: Transferable[]): void;
}

/** What a kind of training run (diffusion, distillation, hybrid, VDM) plugs into the loop. */
export interface TrainRunner {
  readonly stepsDone: number;
  /** Trains `n` steps: each step's loss and the kind's extra per-step series. */
  step(n: number): Promise<Pick<TrainLossMessage, 'losses' | 'variances' | 'terms'>>;
  snapshot(spec: TrainSnapshotSpec): Promise<Pick<TrainSnapshotMessage, 'info' | 'parts'>>;
  /** Back to step 0 with the run's starting weights. */
  reset(): void;
  /** Sends the trained files, or throws why this run cannot be saved. */
  save(): Promise<void>;
  /** The most steps the next chunk may take (e.g. to a distillation round's end). */
  maxChunk?(): number;
  /** Called after each chunk; true when it closed a period that deserves a snapshot. */
  chunkEnded?(): boolean;
  dispose(): void;
}

/** Steps of the next chunk: at most `chunk`, and about `chunkMs` worth at the measured rate. */
export function chunkSize(job: TrainJob, stepsPerSecond: number): number {
  const chunk = Math.max(1, Math.floor(job.chunk));
  if (!job.chunkMs) return chunk;
  if (!(stepsPerSecond > 0)) return 1;
  return Math.max(1, Math.min(chunk, Math.floor((stepsPerSecond * job.chunkMs) / 1000)));
}

/**
 * The one training loop: trains in chunks of job.chunk steps on the active backend, streams each
 * chunk's losses with its steps per second, a snapshot after every job.snapshotEvery-th step
 * (and after each step-by-step request), and obeys pause / resume / step / reset / snapshot /
 * save / view between chunks until the run is cancelled. With job.stopAt it pauses at that step.
 */
export async function runTrainLoop(
  job: TrainJob,
  ctx: TrainContext,
  runner: TrainRunner,
): Promise<Float32Array> {
  const c = ctx.control;
  const { runId } = ctx;
  let spec = job.snapshot;
  let every = job.snapshotEvery;
  let rate = 0;
  let stopArmed = (job.stopAt ?? 0) > 0;
  const sendState = () =>
    ctx.send({
      type: 'trainState',
      runId,
      state: (c.paused ? 'paused' : 'running') as TrainState,
      step: runner.stepsDone,
    });
  /** Sends what the page draws; the next chunk waits until it has (job.pageWaitMs). */
  const show = (msg: TrainFromWorker, transfer: Transferable[]) => {
    c.awaitingPage = !!job.pageWaitMs;
    ctx.send(msg, transfer);
  };
  const sendSnapshot = async () => {
    const s = await runner.snapshot(spec);
    show({ type: 'trainSnapshot', runId, ...s }, transferList(s.parts));
  };
  try {
    let lastState = '';
    await sendSnapshot();
    while (!ctx.isCancelled()) {
      if (`${c.paused}` !== lastState) {
        sendState();
        lastState = `${c.paused}`;
      }
      if (c.resetRequested) {
        c.resetRequested = false;
        runner.reset();
        stopArmed = (job.stopAt ?? 0) > 0;
        sendState();
        await sendSnapshot();
      }
      if (c.saveRequested) {
        c.saveRequested = false;
        await runner.save();
      }
      if (c.view) {
        ({ snapshot: spec, snapshotEvery: every } = c.view);
        c.view = null;
      }
      if (c.snapshotRequested) {
        c.snapshotRequested = false;
        await sendSnapshot();
      }
      if (c.awaitingPage) {
        await c.waitForPage(job.pageWaitMs ?? 0);
        continue;
      }
      const chunk = chunkSize(job, rate);
      let n = c.paused ? Math.min(c.pendingSteps, chunk) : chunk;
      if (n === 0) {
        await c.waitForChange();
        continue;
      }
      const done = runner.stepsDone;
      if (every > 0) n = Math.min(n, every - (done % every));
      if (runner.maxChunk) n = Math.min(n, runner.maxChunk());
      // Steps taken one by one past the stop step disarm it.
      if (stopArmed && done >= job.stopAt!) stopArmed = false;
      if (stopArmed && !c.paused) n = Math.min(n, job.stopAt! - done);
      if (c.paused) c.pendingSteps -= n;
      const t0 = performance.now();
      const series = await runner.step(n);
      rate = (1000 * n) / Math.max(1e-3, performance.now() - t0);
      const { losses, variances, terms } = series;
      show({ type: 'trainLoss', runId, firstStep: done, ...series, stepsPerSecond: rate }, [
        losses.buffer,
        ...(variances ? [variances.buffer] : []),
        ...(terms ? [terms.simple.buffer, terms.vlb.buffer] : []),
      ]);
      const periodEnded = runner.chunkEnded?.() ?? false;
      const boundary = periodEnded || (every > 0 && runner.stepsDone % every === 0);
      const stopped = stopArmed && !c.paused && runner.stepsDone >= job.stopAt!;
      if (stopped) {
        stopArmed = false;
        c.paused = true;
        c.pendingSteps = 0;
      }
      if (boundary || stopped || (c.paused && c.pendingSteps === 0)) await sendSnapshot();
      await yieldToMessages();
    }
  } finally {
    runner.dispose();
  }
  return new Float32Array(0);
}
