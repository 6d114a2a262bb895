/// <reference lib="webworker" />
/**
 * The model worker: owns tfjs and the backend, runs jobs step by step, streams frames.
 * Lifecycle: init (check -> warm-up -> ready), then runs; cancel is honoured between steps.
 */
import { selectBackend } from './backends';
import type { FromWorker, Job, ToWorker } from './protocol';
import { runSelfTest } from './jobs/selftest';
import type { JobContext } from './jobs/context';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const cancelled = new Set<number>();
let latestRun = 0;
let ready: Promise<void> = Promise.resolve();

function post(msg: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(msg, transfer);
}

async function init(request: Parameters<typeof selectBackend>[0]): Promise<void> {
  const report = (message: string) =>
    post({ type: 'progress', phase: 'check', message, fraction: 0 });
  const backend = await selectBackend(request, report);
  post({
    type: 'progress',
    phase: 'warmup',
    message: `compiling kernels on ${backend.id}`,
    fraction: 0.5,
  });
  await runSelfTest();
  post({ type: 'ready', backend });
}

function contextFor(runId: number): JobContext {
  return {
    runId,
    isCancelled: () => cancelled.has(runId) || runId !== latestRun,
    emit: (step, total, data) => post({ type: 'frame', runId, step, total, data }, [data.buffer]),
  };
}

async function run(runId: number, job: Job): Promise<void> {
  latestRun = runId;
  const t0 = performance.now();
  const ctx = contextFor(runId);
  const result = await runJob(job, ctx);
  if (ctx.isCancelled()) {
    post({ type: 'cancelled', runId });
    return;
  }
  post({ type: 'done', runId, result, ms: performance.now() - t0 }, [result.buffer]);
}

function runJob(job: Job, _ctx: JobContext): Promise<Float32Array> {
  switch (job.kind) {
    case 'selftest':
      return runSelfTest();
  }
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'init':
      ready = init(msg.backend).catch((e: Error) => post({ type: 'error', message: e.message }));
      break;
    case 'run':
      ready = ready
        .then(() => run(msg.runId, msg.job))
        .catch((e: Error) => post({ type: 'error', runId: msg.runId, message: e.message }));
      break;
    case 'cancel':
      cancelled.add(msg.runId);
      break;
    case 'ping':
      post({ type: 'pong', id: msg.id });
      break;
  }
};
