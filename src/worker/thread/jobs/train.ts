import { EXACT_POINT_COUNT, EXACT_SEED } from '../../../core/data/exact';
import { getDataset } from '../../../core/data';
import type { AnalyticModel } from '../../../core/denoisers/analytic';
import { empiricalModel } from '../../../core/denoisers/empirical';
import { cachedExactModel } from '../../../core/scene/build';
import type { Prediction } from '../../../core/denoisers/parameterisation';
import { loadModel, type LoadedModel } from '../../../models/loader';
import { findModel, type ModelManifest } from '../../../models/manifest';
import type { Mlp2dArchitecture } from '../../../models/mlp2d';
import type { TrainConfig } from '../../../models/train2d/config';
import { loadTrained } from '../../../models/train2d/modelFiles';
import type { Objective } from '../../../models/train2d/objectives';
import { HybridObjective } from '../../../models/train2d/hybrid';
import { Trainer } from '../../../models/train2d/trainer';
import {
  type TrainAction,
  type TrainFromWorker,
  type TrainJob,
  type TrainSnapshotSpec,
  type TrainState,
} from '../../protocol';
import { transferList } from '../transfer';
import { yieldToMessages, type JobContext } from './context';
import { DistillReporter, makeDistillation } from './trainDistill';
import { snapshot } from './trainSnapshot';

/** Training points of a mixture data set; other sets train on the exact model's own points. */
const MIXTURE_TRAINING_POINTS = 20000;

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

async function shippedModel(dataset: string, modelsUrl: string): Promise<LoadedModel> {
  const r = await fetch(`${modelsUrl}manifest.json`);
  if (!r.ok) throw new Error(`the model manifest could not be loaded (HTTP ${r.status})`);
  const entry = findModel((await r.json()) as ModelManifest, `mlp-${dataset}`);
  return loadModel(entry, { fetch: (u) => fetch(u), baseUrl: modelsUrl });
}

/** Training points and the exact model they define. */
export function trainingData(job: TrainJob): {
  points: Float64Array;
  exact: AnalyticModel;
  name: string;
} {
  if ('points' in job.data) {
    const points = Float64Array.from(job.data.points);
    return { points, exact: empiricalModel(points), name: job.data.name };
  }
  const dataset = getDataset(job.data.dataset);
  const count = dataset.mixture ? MIXTURE_TRAINING_POINTS : EXACT_POINT_COUNT;
  return {
    points: dataset.sample(count, EXACT_SEED),
    exact: cachedExactModel(dataset.id),
    name: dataset.id,
  };
}

/** The objective that trains a network of each parameterisation (EDM's v-nets train on as v). */
const OBJECTIVE_OF: Record<Prediction, Objective> = { eps: 'eps', x0: 'x0', v: 'v', score: 'dsm' };

/** The config of a run that starts from `loaded`: its architecture, schedule and parameterisation win. */
function startingConfig(job: TrainJob, loaded: LoadedModel): Partial<TrainConfig> {
  const arch = loaded.modelJson.architecture as unknown as Mlp2dArchitecture;
  const prediction = loaded.entry.parameterisation ?? 'eps';
  if (!(prediction in OBJECTIVE_OF))
    throw new Error(`a ${prediction}-prediction network has no training objective here`);
  return {
    ...job.config,
    hidden: arch.hidden,
    layers: arch.layers,
    timeDim: arch.timeDim,
    tembDim: arch.tembDim,
    timeEmbedding: arch.timeEmbedding ?? 'sinusoidal',
    schedule: loaded.entry.schedule,
    objective:
      job.config.objective === 'edm' && prediction === 'v'
        ? 'edm'
        : OBJECTIVE_OF[prediction as Prediction],
  };
}

async function makeTrainer(job: TrainJob, ctx: TrainContext) {
  const { points, exact, name } = trainingData(job);
  if (job.hybrid) {
    if (job.start !== 'scratch')
      throw new Error(
        'the hybrid objective trains from scratch: its network has variance outputs that shipped and uploaded networks lack',
      );
    // Improved DDPM's ε-network with a learned variance (hybrid.ts).
    const config = { ...job.config, objective: 'eps' as const };
    const trainer = new Trainer(points, { config, dataset: name, learnedVariance: true });
    return { trainer, exact, distill: null, hybrid: new HybridObjective(trainer, job.hybrid) };
  }
  // Distilled students predict v (Salimans & Ho 2022, §4), whatever their start predicted.
  const prediction = job.distill ? ('v' as const) : undefined;
  let trainer: Trainer;
  let loaded: LoadedModel | null = null;
  if (job.start === 'scratch') {
    trainer = new Trainer(points, { config: job.config, dataset: name, prediction });
  } else {
    if (job.start === 'upload') {
      if (!job.upload) throw new Error('no uploaded files to start from');
      loaded = await loadTrained(job.upload);
    } else {
      if ('points' in job.data)
        throw new Error('only a listed data set has a shipped model to fine-tune');
      ctx.progress('load', `loading mlp-${name} to fine-tune`, 0);
      loaded = await shippedModel(name, ctx.modelsUrl);
    }
    const config = startingConfig(job, loaded);
    trainer = new Trainer(points, { config, init: loaded.weights, dataset: name, prediction });
  }
  const distill = job.distill ? makeDistillation(trainer, job.distill, exact, loaded) : null;
  const reporter = distill ? new DistillReporter(distill, points, trainer.config.seed) : null;
  const distillation = distill && reporter ? { run: distill, reporter } : null;
  return { trainer, exact, distill: distillation, hybrid: null };
}

/** Steps of the next chunk: at most `chunk`, and about `chunkMs` worth at the measured rate. */
export function chunkSize(job: TrainJob, stepsPerSecond: number): number {
  const chunk = Math.max(1, Math.floor(job.chunk));
  if (!job.chunkMs) return chunk;
  if (!(stepsPerSecond > 0)) return 1;
  return Math.max(1, Math.min(chunk, Math.floor((stepsPerSecond * job.chunkMs) / 1000)));
}

/**
 * One training run: trains in chunks of job.chunk steps on the active backend, streams each
 * chunk's losses with its steps per second, a snapshot after every job.snapshotEvery-th step
 * (and after each step-by-step request), and obeys pause / resume / step / reset / snapshot /
 * save / view between chunks until the run is cancelled. With job.stopAt it pauses at that step.
 */
export async function runTrain(job: TrainJob, ctx: TrainContext): Promise<Float32Array> {
  const { trainer, exact, distill, hybrid } = await makeTrainer(job, ctx);
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
      step: trainer.stepsDone,
    });
  /** Sends what the page draws; the next chunk waits until it has (job.pageWaitMs). */
  const show = (msg: TrainFromWorker, transfer: Transferable[]) => {
    c.awaitingPage = !!job.pageWaitMs;
    ctx.send(msg, transfer);
  };
  const sendSnapshot = async () => {
    const s = await snapshot(trainer, exact, spec, distill, hybrid);
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
        trainer.reset();
        distill?.run.reset();
        distill?.reporter.clear();
        stopArmed = (job.stopAt ?? 0) > 0;
        sendState();
        await sendSnapshot();
      }
      if (c.saveRequested) {
        c.saveRequested = false;
        if (distill && distill.run.settings.mode !== 'distill')
          throw new Error('a consistency model cannot be saved from the train view');
        const f = await trainer.save();
        const weightsBin = f.weightsBin.slice().buffer;
        ctx.send(
          {
            type: 'trainSaved',
            runId,
            step: trainer.stepsDone,
            modelJson: f.modelJson,
            weightsBin,
          },
          [weightsBin],
        );
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
      if (every > 0) n = Math.min(n, every - (trainer.stepsDone % every));
      if (distill) n = Math.min(n, distill.run.stepsToRoundEnd());
      // Steps taken one by one past the stop step disarm it.
      if (stopArmed && trainer.stepsDone >= job.stopAt!) stopArmed = false;
      if (stopArmed && !c.paused) n = Math.min(n, job.stopAt! - trainer.stepsDone);
      if (c.paused) c.pendingSteps -= n;
      const firstStep = trainer.stepsDone;
      const t0 = performance.now();
      const losses = await trainer.step(n);
      const stepsPerSecond = (1000 * n) / Math.max(1e-3, performance.now() - t0);
      rate = stepsPerSecond;
      const [simple, vlb] = trainer.lastTerms;
      const terms = hybrid ? { simple, vlb } : undefined;
      show({ type: 'trainLoss', runId, firstStep, losses, stepsPerSecond, terms }, [
        losses.buffer,
        ...(terms ? [simple.buffer, vlb.buffer] : []),
      ]);
      // A distillation round that ends freezes its student as the next round's teacher.
      const roundEnded = distill?.reporter.endRound() ?? false;
      const boundary = roundEnded || (every > 0 && trainer.stepsDone % every === 0);
      const stopped = stopArmed && !c.paused && trainer.stepsDone >= job.stopAt!;
      if (stopped) {
        stopArmed = false;
        c.paused = true;
        c.pendingSteps = 0;
      }
      if (boundary || stopped || (c.paused && c.pendingSteps === 0)) await sendSnapshot();
      await yieldToMessages();
    }
  } finally {
    distill?.run.dispose();
    trainer.dispose();
  }
  return new Float32Array(0);
}
