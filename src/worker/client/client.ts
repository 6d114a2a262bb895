/**
 * Main-thread side of the worker protocol: starts the module worker, tags runs with ids,
 * drops frames of stale runs, and terminates and restarts a worker that crashes or stops
 * answering pings. No tfjs here: only worker/protocol is shared with the worker.
 */
import { PendingReplies } from './pendingReplies';
import type {
  BackendInfo,
  BackendRequest,
  DebugRequest,
  DebugResult,
  DiscreteProbe,
  DiscreteProbeRequest,
  LatentDecoded,
  LatentDecodeRequest,
  DoneMessage,
  FrameInfo,
  FrameMessage,
  FrameOf,
  FromWorker,
  Job,
  JobBackend,
  JobKind,
  Phase,
  ResultOf,
  TrainAction,
  TrainedFiles,
  TrainedModelRef,
  TrainFromWorker,
  TrainJob,
} from '../protocol';

export interface WorkerEvents {
  onProgress(phase: Phase, message: string): void;
  onReady(info: BackendInfo): void;
  /** The worker died or hung and was restarted; `reason` says which. */
  onRestart(reason: string): void;
  onError(message: string): void;
  /** A message about the current run that does not stop it (e.g. a model fell back). */
  onNotice?(message: string): void;
  /** The backend info changed after ready (a new per-size probe record). */
  onBackend?(info: BackendInfo): void;
  /** The backend the current run's job runs on, and why. */
  onJobBackend?(info: JobBackend): void;
  /** The kept backend-probe records (PROBE_CACHE_PREFIX keys), sent with every init. */
  probeCache?(): Record<string, string>;
  /** A probe record the worker asks the page to keep. */
  onProbeRecord?(key: string, value: string): void;
}

/** A run's callbacks; its frames and result are those of its job's kind. */
export interface RunHandlers<K extends JobKind> {
  onFrame?(step: number, total: number, frame: FrameOf<K>, info?: FrameInfo): void;
  onDone(result: ResultOf<K>, ms: number): void;
  onCancelled?(): void;
  onError(message: string): void;
}

/** The current run's handlers under its job's kind (one entry), so a message's kind picks them. */
type RunHandlersByKind = { [K in JobKind]?: RunHandlers<K> };

function deliverFrame<K extends JobKind>(handlers: RunHandlersByKind, msg: FrameMessage<K>): void {
  handlers[msg.kind]?.onFrame?.(msg.step, msg.total, msg.frame, msg.info);
}

function deliverDone<K extends JobKind>(handlers: RunHandlersByKind, msg: DoneMessage<K>): void {
  handlers[msg.kind]?.onDone(msg.result, msg.ms);
}

/** A training run's messages; only one training run is live at a time. */
export interface TrainHandlers {
  onMessage(msg: Exclude<TrainFromWorker, { type: 'trainChecked' }>): void;
  onError(message: string): void;
}

export interface TrainHandle {
  runId: number;
  control(action: TrainAction): void;
  stop(): void;
}

const PING_MS = 2000;

export class WorkerClient {
  private worker: Worker | null = null;
  private nextRunId = 1;
  private current: {
    runId: number;
    byKind: RunHandlersByKind;
    onCancelled(): void;
    onError(message: string): void;
  } | null = null;
  private lastHeard = 0;
  private pingId = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private backend: BackendRequest = 'auto';
  private threads = 0;
  private training: { runId: number; handlers: TrainHandlers } | null = null;
  private checks = new PendingReplies<string>();
  private trainedModel: TrainedModelRef | null = null;
  private debugCalls = new PendingReplies<DebugResult>();
  private fieldCalls = new PendingReplies<Float32Array>();
  private probeCalls = new PendingReplies<DiscreteProbe>();
  private decodeCalls = new PendingReplies<LatentDecoded>();

  constructor(
    private readonly events: WorkerEvents,
    /** Silence (ms) after which a worker counts as hung; generous for shader compiles. */
    private readonly hangMs = 60_000,
    /** Absolute URL of public/models/ (workers resolve relative URLs against their own script). */
    private readonly modelsUrl = '',
    private readonly spawn: () => Worker = () =>
      new Worker(new URL('../thread/worker.ts', import.meta.url), { type: 'module' }),
  ) {}

  /** threads: WASM threads wanted (0 = auto); both need a fresh worker to change. */
  start(backend: BackendRequest, threads = 0): void {
    this.backend = backend;
    this.threads = threads;
    // A training run lives in the worker being replaced: it ends here, and says so.
    const training = this.training;
    this.training = null;
    training?.handlers.onError('the worker restarted (backend change); start a new run');
    this.stopWorker();
    const w = this.spawn();
    this.worker = w;
    this.lastHeard = performance.now();
    w.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.restart(`the worker crashed (${e.message || 'unknown error'})`);
    };
    const probeCache = this.events.probeCache?.();
    w.postMessage({ type: 'init', backend, threads, modelsUrl: this.modelsUrl, probeCache });
    if (this.trainedModel) w.postMessage({ type: 'trainedModel', ref: this.trainedModel });
    this.timer = setInterval(() => this.watch(), PING_MS);
  }

  /** Starts a job; any earlier run is superseded and its frames are dropped. */
  run<J extends Job>(job: J, handlers: RunHandlers<J['kind']>): number {
    if (this.current) this.cancel();
    const runId = this.nextRunId++;
    const byKind: RunHandlersByKind = {};
    byKind[job.kind] = handlers;
    this.current = {
      runId,
      byKind,
      onCancelled: () => handlers.onCancelled?.(),
      onError: (message) => handlers.onError(message),
    };
    this.worker?.postMessage({ type: 'run', runId, job });
    return runId;
  }

  cancel(): void {
    if (!this.current) return;
    this.worker?.postMessage({ type: 'cancel', runId: this.current.runId });
    this.current.onCancelled();
    this.current = null;
  }

  /**
   * Starts a training run beside the scene runs (neither supersedes the other); an earlier
   * training run stops. Control and stop messages of a finished or replaced run are dropped.
   */
  train(job: TrainJob, handlers: TrainHandlers): TrainHandle {
    this.stopTraining();
    const runId = this.nextRunId++;
    this.training = { runId, handlers };
    this.worker?.postMessage({ type: 'train', runId, job });
    const live = () => this.training?.runId === runId;
    return {
      runId,
      control: (action) => {
        if (live()) this.worker?.postMessage({ type: 'trainControl', runId, ...action });
      },
      stop: () => {
        if (live()) this.stopTraining();
      },
    };
  }

  /** Sets the network of model 'trained'; a restarted worker gets it again. */
  setTrainedModel(ref: TrainedModelRef | null): void {
    this.trainedModel = ref;
    this.worker?.postMessage({ type: 'trainedModel', ref });
  }

  /** Validates uploaded network files in the worker; resolves with a summary, rejects with why not. */
  checkTrained(files: TrainedFiles): Promise<string> {
    const requestId = this.nextRunId++;
    return this.checks.ask(requestId, () =>
      this.worker?.postMessage({ type: 'trainCheck', requestId, files }),
    );
  }

  dispose(): void {
    this.stopTraining();
    this.stopWorker();
  }

  private stopTraining(): void {
    if (!this.training) return;
    this.worker?.postMessage({ type: 'cancel', runId: this.training.runId });
    this.training = null;
  }

  /** Sends a debug hook to the worker (docs/ARCHITECTURE.md, "Debug hooks"). */
  debug(request: DebugRequest): Promise<DebugResult> {
    const id = ++this.pingId;
    return this.debugCalls.ask(id, () => this.worker?.postMessage({ type: 'debug', id, request }));
  }

  /** The score field of a step of scene run `runId` (SceneFrame.field's layout), computed now. */
  field(runId: number, step: number): Promise<Float32Array> {
    const id = ++this.pingId;
    return this.fieldCalls.ask(id, () =>
      this.worker?.postMessage({ type: 'field', id, request: { runId, step } }),
    );
  }

  /** Both discrete models' p̂(x₀ | x_t) for one sequence, computed now beside the runs. */
  discreteProbe(request: DiscreteProbeRequest): Promise<DiscreteProbe> {
    const id = ++this.pingId;
    return this.probeCalls.ask(id, () =>
      this.worker?.postMessage({ type: 'discreteProbe', id, request }),
    );
  }

  /** Latents decoded by the set's autoencoder, now, beside the runs (as discreteProbe). */
  latentDecode(request: LatentDecodeRequest): Promise<LatentDecoded> {
    const id = ++this.pingId;
    return this.decodeCalls.ask(id, () =>
      this.worker?.postMessage({ type: 'latentDecode', id, request }, [request.z.buffer]),
    );
  }

  private stopWorker(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.worker?.terminate();
    this.worker = null;
  }

  private restart(reason: string): void {
    const run = this.current;
    const training = this.training;
    this.current = null;
    this.training = null;
    for (const calls of [
      this.debugCalls,
      this.fieldCalls,
      this.probeCalls,
      this.decodeCalls,
      this.checks,
    ])
      calls.rejectAll(reason);
    run?.onError(`${reason}; the worker was restarted`);
    training?.handlers.onError(`${reason}; the worker was restarted`);
    this.events.onRestart(reason);
    this.start(this.backend, this.threads);
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
      case 'backend':
        this.events.onBackend?.(msg.backend);
        break;
      case 'backend-probe':
        this.events.onProbeRecord?.(msg.key, msg.value);
        break;
      case 'job-backend':
        if (mine) {
          const { runId, id, reason, threads } = msg;
          this.events.onJobBackend?.({ runId, id, reason, ...(threads ? { threads } : {}) });
        }
        break;
      case 'frame':
        if (mine) deliverFrame(run.byKind, msg);
        break;
      case 'done':
        if (mine) {
          this.current = null;
          deliverDone(run.byKind, msg);
        }
        break;
      case 'cancelled':
        break;
      case 'error':
        if (msg.runId === undefined) this.events.onError(msg.message);
        else if (mine) {
          this.current = null;
          run.onError(msg.message);
        } else if (msg.runId === this.training?.runId) {
          const { handlers } = this.training;
          this.training = null;
          handlers.onError(msg.message);
        }
        break;
      case 'trainLoss':
      case 'trainState':
      case 'trainSnapshot':
      case 'trainSaved':
        if (msg.runId === this.training?.runId) this.training.handlers.onMessage(msg);
        break;
      case 'trainChecked':
        this.checks.answer(
          msg.requestId,
          msg.error === undefined ? (msg.summary ?? '') : undefined,
          msg.error ?? '',
        );
        break;
      case 'pong':
        break;
      case 'notice':
        if (mine) this.events.onNotice?.(msg.message);
        break;
      case 'fatal':
        this.restart(msg.message);
        break;
      case 'field':
        this.fieldCalls.answer(msg.id, msg.field, msg.error ?? 'no field');
        break;
      case 'discreteProbe':
        this.probeCalls.answer(msg.id, msg.probe, msg.error ?? 'no probe');
        break;
      case 'latentDecode':
        this.decodeCalls.answer(msg.id, msg.decoded, msg.error ?? 'no decoded images');
        break;
      case 'debug':
        this.debugCalls.answer(msg.id, msg.result, msg.error ?? 'debug hook failed');
        break;
    }
  }
}
