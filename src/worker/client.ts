/**
 * Main-thread side of the worker protocol: starts the module worker, tags runs with ids,
 * drops frames of stale runs, and terminates and restarts a worker that crashes or stops
 * answering pings. No tfjs here: only protocol.ts is shared with the worker.
 */
import type { BackendInfo, BackendRequest, FrameInfo, FromWorker, Job, Phase } from './protocol';

export interface WorkerEvents {
  onProgress(phase: Phase, message: string): void;
  onReady(info: BackendInfo): void;
  /** The worker died or hung and was restarted; `reason` says which. */
  onRestart(reason: string): void;
  onError(message: string): void;
}

export interface RunHandlers {
  onFrame?(step: number, total: number, data: Float32Array, info?: FrameInfo): void;
  onDone(result: Float32Array, ms: number): void;
  onCancelled?(): void;
  onError(message: string): void;
}

const PING_MS = 2000;

export class WorkerClient {
  private worker: Worker | null = null;
  private nextRunId = 1;
  private current: { runId: number; handlers: RunHandlers } | null = null;
  private lastHeard = 0;
  private pingId = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private backend: BackendRequest = 'auto';

  constructor(
    private readonly events: WorkerEvents,
    /** Silence (ms) after which a worker counts as hung; generous for shader compiles. */
    private readonly hangMs = 60_000,
    /** Absolute URL of public/models/ (workers resolve relative URLs against their own script). */
    private readonly modelsUrl = '',
    private readonly spawn: () => Worker = () =>
      new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
  ) {}

  start(backend: BackendRequest): void {
    this.backend = backend;
    this.stopWorker();
    const w = this.spawn();
    this.worker = w;
    this.lastHeard = performance.now();
    w.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.restart(`the worker crashed (${e.message || 'unknown error'})`);
    };
    w.postMessage({ type: 'init', backend, modelsUrl: this.modelsUrl });
    this.timer = setInterval(() => this.watch(), PING_MS);
  }

  /** Starts a job; any earlier run is superseded and its frames are dropped. */
  run(job: Job, handlers: RunHandlers): number {
    if (this.current) this.cancel();
    const runId = this.nextRunId++;
    this.current = { runId, handlers };
    this.worker?.postMessage({ type: 'run', runId, job });
    return runId;
  }

  cancel(): void {
    if (!this.current) return;
    this.worker?.postMessage({ type: 'cancel', runId: this.current.runId });
    this.current.handlers.onCancelled?.();
    this.current = null;
  }

  dispose(): void {
    this.stopWorker();
  }

  private stopWorker(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.worker?.terminate();
    this.worker = null;
  }

  private restart(reason: string): void {
    const run = this.current;
    this.current = null;
    run?.handlers.onError(`${reason}; the worker was restarted`);
    this.events.onRestart(reason);
    this.start(this.backend);
  }

  private watch(): void {
    if (performance.now() - this.lastHeard > this.hangMs) {
      this.restart(`the worker stopped answering for ${Math.round(this.hangMs / 1000)} s`);
      return;
    }
    this.worker?.postMessage({ type: 'ping', id: ++this.pingId });
  }

  private receive(msg: FromWorker): void {
    this.lastHeard = performance.now();
    const run = this.current;
    const mine = 'runId' in msg && msg.runId !== undefined && run?.runId === msg.runId;
    switch (msg.type) {
      case 'progress':
        this.events.onProgress(msg.phase, msg.message);
        break;
      case 'ready':
        this.events.onReady(msg.backend);
        break;
      case 'frame':
        if (mine) run.handlers.onFrame?.(msg.step, msg.total, msg.data, msg.info);
        break;
      case 'done':
        if (mine) {
          this.current = null;
          run.handlers.onDone(msg.result, msg.ms);
        }
        break;
      case 'cancelled':
        break;
      case 'error':
        if (msg.runId === undefined) this.events.onError(msg.message);
        else if (mine) {
          this.current = null;
          run.handlers.onError(msg.message);
        }
        break;
      case 'pong':
        break;
    }
  }
}
