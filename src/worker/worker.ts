/// <reference lib="webworker" />
/**
 * The model worker: owns tfjs and the backend, runs jobs step by step, streams frames.
 * Lifecycle: init (check -> warm-up -> ready), then runs; cancel is honoured between steps.
 */
import { selectBackend } from './backends';
import type { BackendRequest, FromWorker, Job, ToWorker } from './protocol';
import { runSelfTest } from './jobs/selftest';
import { runScene } from './jobs/scene';
import { runForward } from './jobs/forward';
import { runBench } from './jobs/bench';
import { runSweep } from './jobs/sweep';
import { runLikelihood } from './jobs/likelihood';
import { runMesh, runMeshPath } from './jobs/mesh';
import { runLockstep } from './jobs/lockstep';
import type { JobContext } from './jobs/context';
import { checkTrainedFiles, controlTraining, startTraining, stopTraining } from './trainHost';
import { setTrainedModel } from './jobs/trainedModels';
import { runImageJob } from './jobs/images';
import { runDebug, watchDeviceLoss } from './debug';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const cancelled = new Set<number>();
let latestRun = 0;
let modelsUrl = '';
let ready: Promise<void> = Promise.resolve();
/** Settles when init does: training waits for the backend, never for the scene run queue. */
let initialised: Promise<void> = Promise.resolve();

function post(msg: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(msg, transfer);
}

async function init(request: BackendRequest, threads: number): Promise<void> {
  const report = (message: string) =>
    post({ type: 'progress', phase: 'check', message, fraction: 0 });
  const backend = await selectBackend(request, threads, report);
  post({
    type: 'progress',
    phase: 'warmup',
    message: `compiling kernels on ${backend.id}`,
    fraction: 0.5,
  });
  await runSelfTest();
  watchDeviceLoss(post);
  post({ type: 'ready', backend });
}

function contextFor(runId: number): JobContext {
  return {
    runId,
    modelsUrl,
    isCancelled: () => cancelled.has(runId) || runId !== latestRun,
    emit: (step, total, data, info) =>
      post({ type: 'frame', runId, step, total, data, info }, [data.buffer]),
    progress: (phase, message, fraction) => post({ type: 'progress', phase, message, fraction }),
    notice: (message) => post({ type: 'notice', runId, message }),
  };
}

function runJob(job: Job, ctx: JobContext): Promise<Float32Array> {
  switch (job.kind) {
    case 'selftest':
      return runSelfTest();
    case 'scene':
      return runScene(job, ctx);
    case 'forward':
      return runForward(job, ctx);
    case 'bench':
      return runBench(job, ctx);
    case 'sweep':
      return runSweep(job, ctx);
    case 'likelihood':
      return runLikelihood(job, ctx);
    case 'mesh':
      return runMesh(job, ctx);
    case 'meshPath':
      return runMeshPath(job, ctx);
    case 'lockstep':
      return runLockstep(job, ctx);
    case 'image-load':
    case 'image-grid':
    case 'image-interp':
    case 'image-noise':
    case 'image-inpaint':
    case 'image-invert':
      return runImageJob(job, ctx);
  }
}

async function run(runId: number, job: Job): Promise<void> {
  const t0 = performance.now();
  const ctx = contextFor(runId);
  if (ctx.isCancelled()) return;
  const result = await runJob(job, ctx);
  if (ctx.isCancelled()) {
    post({ type: 'cancelled', runId });
    return;
  }
  post({ type: 'done', runId, result, ms: performance.now() - t0 }, [result.buffer]);
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'init':
      modelsUrl = msg.modelsUrl;
      ready = init(msg.backend, msg.threads).catch((e: Error) =>
        post({ type: 'error', message: e.message }),
      );
      initialised = ready;
      break;
    case 'run':
      // A newer run supersedes the queued and running ones at their next step.
      latestRun = msg.runId;
      ready = ready
        .then(() => run(msg.runId, msg.job))
        .catch((e: Error) => post({ type: 'error', runId: msg.runId, message: e.message }));
      break;
    case 'cancel':
      cancelled.add(msg.runId);
      stopTraining(msg.runId);
      break;
    case 'train':
      startTraining(msg.runId, msg.job, { ready: initialised, modelsUrl, post });
      break;
    case 'trainControl':
      controlTraining(msg);
      break;
    case 'trainCheck':
      void initialised.then(() => checkTrainedFiles(msg.requestId, msg.files, post));
      break;
    case 'trainedModel':
      setTrainedModel(msg.ref);
      break;
    case 'ping':
      post({ type: 'pong', id: msg.id });
      break;
    case 'debug': {
      const { id, request } = msg;
      const reply = () =>
        runDebug(request, modelsUrl).then(
          (result) => post({ type: 'debug', id, result }),
          (e: Error) => post({ type: 'debug', id, error: e.message }),
        );
      // A soak queues behind the runs; the other hooks act at once (e.g. mid-run).
      if (request.action === 'soak') ready = ready.then(reply);
      else void reply();
      break;
    }
  }
};
