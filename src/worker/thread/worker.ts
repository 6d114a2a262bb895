/// <reference lib="webworker" />
/**
 * The model worker: owns tfjs and the backend, runs jobs step by step, streams frames.
 * Lifecycle: init (check -> warm-up -> ready), then runs; cancel is honoured between steps.
 */
import { selectBackend, wasmThreadCount } from './backends';
import { backendForJob, jobBackendMessage, pageCache, reprobe } from './perSize';
import type {
  BackendInfo,
  BackendRequest,
  DoneMessage,
  FrameMessage,
  FrameOf,
  FromWorker,
  Job,
  JobKind,
  Phase,
  ProbeStub,
  ResultOf,
  ToWorker,
} from '../protocol';
import { runSelfTest } from './jobs/selftest';
import { runScene, type FieldSource } from './jobs/scene';
import { runForward } from './jobs/forward';
import { runBench } from './jobs/bench';
import { runSweep } from './jobs/sweep';
import { runGrids } from './jobs/grids';
import { runLikelihood } from './jobs/likelihood';
import { runMesh, runMeshPath } from './jobs/mesh';
import { runManifold } from './jobs/manifold';
import { runLatent } from './jobs/latent';
import { latentDecode } from './jobs/latentModels';
import { runLockstep } from './jobs/lockstep';
import type { JobContext } from './jobs/context';
import { checkTrainedFiles, controlTraining, startTraining, stopTraining } from './trainRuns';
import { setTrainedModel } from './jobs/trainedModels';
import { runImageInvert } from './jobs/imagesInvert';
import { runImageInpaint } from './jobs/imagesRepaint';
import { runImageLikelihood } from './jobs/imagesLikelihood';
import { classReadout, regionReadout } from './jobs/guidanceReadout';
import { runImageRestore } from './jobs/imagesRestore';
import { runImageGrid, runImageInterp } from './jobs/imagesSample';
import { runImageLoad, runImageNoise } from './jobs/imagesTools';
import { runDiscreteLikelihood } from './jobs/discreteLikelihood';
import { discreteProbe } from './jobs/discreteProbe';
import { runDiscreteSample } from './jobs/discreteSample';
import { runDebug, watchDeviceLoss } from './debug';
import { transferList } from './transfer';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const cancelled = new Set<number>();
let latestRun = 0;
let modelsUrl = '';
let ready: Promise<void> = Promise.resolve();
/** Settles when init does: training waits for the backend, never for the scene run queue. */
let initialised: Promise<void> = Promise.resolve();
/** The backend info sent with ready (and again after a debug re-probe). */
let backendInfo: BackendInfo | null = null;
/** The latest scene run's field, asked for by the page for the frames it draws. */
let sceneField: { runId: number; at: FieldSource } | null = null;

/** Posts a message; a run's frames and result are typed by its job kind K. */
function post<K extends JobKind>(
  msg: FromWorker | FrameMessage<K> | DoneMessage<K>,
  transfer: Transferable[] = [],
): void {
  scope.postMessage(msg, transfer);
}

async function init(
  request: BackendRequest,
  threads: number,
  probeCache: Record<string, string> | undefined,
): Promise<void> {
  const report = (message: string) =>
    post({ type: 'progress', phase: 'check', message, fraction: 0 });
  const cache = pageCache(probeCache, (key, value) => post({ type: 'backend-probe', key, value }));
  const backend = await selectBackend(request, threads, report, cache);
  backendInfo = backend;
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

/** The debug hook's re-probe with stubbed timings: the page gets the new backend info. */
async function restub(stub: ProbeStub): Promise<string> {
  await initialised;
  if (!backendInfo) throw new Error('the worker has no backend');
  backendInfo = await reprobe(stub, backendInfo);
  post({ type: 'backend', backend: backendInfo });
  return backendInfo.probe ?? '';
}

function contextFor<K extends JobKind>(runId: number, kind: K): JobContext<FrameOf<K>> {
  return {
    runId,
    modelsUrl,
    isCancelled: () => cancelled.has(runId) || runId !== latestRun,
    emit: (step, total, frame, info) =>
      post<K>({ type: 'frame', runId, kind, step, total, info, frame }, transferList(frame)),
    progress: (phase, message, fraction) => post({ type: 'progress', phase, message, fraction }),
    notice: (message) => post({ type: 'notice', runId, message }),
  };
}

/**
 * Runs one job of kind K to its end, on the backend the per-size choice gives it (said before
 * its first frame), and posts its result (or that it was cancelled).
 */
async function runKind<K extends JobKind>(
  runId: number,
  job: Job & { kind: K },
  work: (ctx: JobContext<FrameOf<K>>) => Promise<ResultOf<K>>,
): Promise<void> {
  const t0 = performance.now();
  const ctx = contextFor(runId, job.kind);
  if (ctx.isCancelled()) return;
  const chosen = await backendForJob(job);
  post(jobBackendMessage(runId, chosen, wasmThreadCount));
  const result = await work(ctx);
  if (ctx.isCancelled()) {
    post({ type: 'cancelled', runId });
    return;
  }
  const ms = performance.now() - t0;
  post<K>({ type: 'done', runId, kind: job.kind, result, ms }, transferList(result));
}

function run(runId: number, job: Job): Promise<void> {
  switch (job.kind) {
    case 'selftest':
      return runKind(runId, job, () => runSelfTest());
    case 'class-readout':
      return runKind(runId, job, () => Promise.resolve(classReadout(job)));
    case 'region-readout':
      return runKind(runId, job, () => Promise.resolve(regionReadout(job)));
    case 'scene':
      return runKind(runId, job, (ctx) =>
        runScene(job, ctx, (at) => {
          sceneField = { runId, at };
        }),
      );
    case 'forward':
      return runKind(runId, job, (ctx) => runForward(job, ctx));
    case 'bench':
      return runKind(runId, job, (ctx) => runBench(job, ctx));
    case 'sweep':
      return runKind(runId, job, (ctx) => runSweep(job, ctx));
    case 'likelihood':
      return runKind(runId, job, (ctx) => runLikelihood(job, ctx));
    case 'grids':
      return runKind(runId, job, (ctx) => runGrids(job, ctx));
    case 'mesh':
      return runKind(runId, job, (ctx) => runMesh(job, ctx));
    case 'meshPath':
      return runKind(runId, job, (ctx) => runMeshPath(job, ctx));
    case 'manifold':
      return runKind(runId, job, (ctx) => runManifold(job, ctx));
    case 'latent':
      return runKind(runId, job, (ctx) => runLatent(job, ctx));
    case 'lockstep':
      return runKind(runId, job, (ctx) => runLockstep(job, ctx));
    case 'image-load':
      return runKind(runId, job, (ctx) => runImageLoad(job, ctx));
    case 'image-grid':
      return runKind(runId, job, (ctx) => runImageGrid(job, ctx));
    case 'image-interp':
      return runKind(runId, job, (ctx) => runImageInterp(job, ctx));
    case 'image-noise':
      return runKind(runId, job, (ctx) => runImageNoise(job, ctx));
    case 'image-inpaint':
      return runKind(runId, job, (ctx) => runImageInpaint(job, ctx));
    case 'image-invert':
      return runKind(runId, job, (ctx) => runImageInvert(job, ctx));
    case 'discrete-sample':
      return runKind(runId, job, (ctx) => runDiscreteSample(job, ctx));
    case 'discrete-likelihood':
      return runKind(runId, job, (ctx) => runDiscreteLikelihood(job, ctx));
    case 'image-restore':
      return runKind(runId, job, (ctx) => runImageRestore(job, ctx));
    case 'image-likelihood':
      return runKind(runId, job, (ctx) => runImageLikelihood(job, ctx));
  }
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'init':
      modelsUrl = msg.modelsUrl;
      ready = init(msg.backend, msg.threads, msg.probeCache).catch((e: Error) =>
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
    case 'field': {
      const { id, request } = msg;
      const field = sceneField;
      if (!field || field.runId !== request.runId) {
        post({ type: 'field', id, error: `run ${request.runId} is no longer the current scene` });
        break;
      }
      field.at(request.step).then(
        (f) => post({ type: 'field', id, field: f }, [f.buffer]),
        (e: Error) => post({ type: 'field', id, error: e.message }),
      );
      break;
    }
    case 'discreteProbe': {
      // Beside the run queue, as fields are; it shares the discrete jobs' cached models.
      const { id, request } = msg;
      const progress = (phase: Phase, message: string, fraction: number) =>
        post({ type: 'progress', phase, message, fraction });
      void initialised
        .then(() => discreteProbe(request, { modelsUrl, progress }))
        .then(
          (probe) =>
            post({ type: 'discreteProbe', id, probe }, [probe.exact.buffer, probe.network.buffer]),
          (e: Error) => post({ type: 'discreteProbe', id, error: e.message }),
        );
      break;
    }
    case 'latentDecode': {
      // Beside the run queue, as the discrete probe: a dragged particle's image comes at once.
      const { id, request } = msg;
      void initialised
        .then(() => latentDecode(request, modelsUrl))
        .then(
          (decoded) => post({ type: 'latentDecode', id, decoded }, [decoded.images.buffer]),
          (e: Error) => post({ type: 'latentDecode', id, error: e.message }),
        );
      break;
    }
    case 'debug': {
      const { id, request } = msg;
      const reply = () =>
        runDebug(request, modelsUrl, restub).then(
          (result) => post({ type: 'debug', id, result }),
          (e: Error) => post({ type: 'debug', id, error: e.message }),
        );
      // A soak and a re-probe queue behind the runs; the other hooks act at once (e.g. mid-run).
      if (request.action === 'soak' || request.action === 'backend-probe')
        ready = ready.then(reply);
      else void reply();
      break;
    }
  }
};
