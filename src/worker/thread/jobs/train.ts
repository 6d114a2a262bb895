import * as tf from '@tensorflow/tfjs-core';
import { EXACT_POINT_COUNT, EXACT_SEED } from '../../../core/data/exact';
import { getDataset } from '../../../core/data';
import type { AnalyticModel } from '../../../core/denoisers/analytic';
import { empiricalModel } from '../../../core/denoisers/empirical';
import { kdeGrid, scottBandwidth } from '../../../core/metrics/kde';
import { gridPoints } from '../../../core/metrics/squareGrid';
import { normals } from '../../../core/rng';
import { runToEnd } from '../../../core/samplers/driver';
import { cachedExactModel, initialState, resolveSampler } from '../../../core/scene/build';
import { makeSigmaGrid } from '../../../core/schedules/grid';
import type { Prediction } from '../../../core/denoisers/parameterisation';
import { loadModel, type LoadedModel } from '../../../models/loader';
import { findModel, type ModelManifest } from '../../../models/manifest';
import type { Mlp2dArchitecture } from '../../../models/mlp2d';
import type { TrainConfig } from '../../../models/train2d/config';
import { loadTrained } from '../../../models/train2d/modelFiles';
import type { Objective } from '../../../models/train2d/objectives';
import { Trainer } from '../../../models/train2d/trainer';
import {
  SNAPSHOT_DENSITY_EXTENT,
  type TrainAction,
  type TrainFromWorker,
  type TrainJob,
  type TrainSnapshotInfo,
  type TrainSnapshotParts,
  type TrainSnapshotSpec,
  type TrainState,
} from '../../protocol';
import { transferList } from '../transfer';
import { yieldToMessages, type JobContext } from './context';
import { tfHost } from './hosts';
import { viewExtent } from './scene';

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
function trainingData(job: TrainJob): { points: Float64Array; exact: AnalyticModel; name: string } {
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
  if (job.start === 'scratch')
    return { trainer: new Trainer(points, { config: job.config, dataset: name }), exact };
  let loaded: LoadedModel;
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
  return { trainer: new Trainer(points, { config, init: loaded.weights, dataset: name }), exact };
}

/** Samples, field, density, error curve and error map of the current EMA network (see protocol/train.ts). */
async function snapshot(
  trainer: Trainer,
  exact: AnalyticModel,
  spec: TrainSnapshotSpec,
): Promise<{ info: TrainSnapshotInfo; parts: TrainSnapshotParts }> {
  const t0 = performance.now();
  const schedule = trainer.schedule;
  const denoise = trainer.denoiser();
  const host = tfHost(2);
  // Fresh arrays throughout: their buffers are transferred to the page.
  const empty = new Float32Array(0);
  const parts: TrainSnapshotParts = {
    samples: empty,
    field: empty,
    density: empty,
    error: empty,
    map: empty,
  };

  let samples: Float32Array = new Float32Array(0);
  if (spec.particles > 0) {
    const grid = makeSigmaGrid(schedule, 'karras', spec.sampleSteps);
    const { def, params } = resolveSampler('dpmpp-2m', {});
    const seed = trainer.config.seed;
    const { x } = runToEnd({
      host,
      sampler: def,
      params,
      grid,
      denoise,
      noise: (key) => host.fromFloat64(normals(seed, key, 2 * spec.particles)),
      x: host.fromFloat64(initialState(spec.particles, 2, seed, grid.sigmas[0])),
    });
    samples = (await host.read(x)).slice();
    host.release([x]);
    parts.samples = samples;
  }

  const fieldT = spec.fieldTime * schedule.tMax;
  const [fieldSigma, fieldScale] = [schedule.sigma(fieldT), schedule.scale(fieldT)];
  const fieldExtent = viewExtent(fieldScale, fieldSigma);
  if (spec.fieldSize > 0) {
    const g = gridPoints({ size: spec.fieldSize, extent: fieldExtent });
    const d = tf.tidy(() =>
      denoise(
        tf.tensor2d(
          Float32Array.from(g, (v) => v / fieldScale),
          [g.length / 2, 2],
        ),
        fieldSigma,
      ),
    );
    const values = (await d.data()) as Float32Array;
    d.dispose();
    parts.field = Float32Array.from(values, (v, i) => v * fieldScale - g[i]);
  }
  if (spec.densitySize > 0 && samples.length >= 4) {
    parts.density = Float32Array.from(
      kdeGrid(samples, SNAPSHOT_DENSITY_EXTENT, spec.densitySize, scottBandwidth(samples)),
    );
  }
  const errorTimes = Array.from(
    { length: spec.errorTimes },
    (_, k) => (schedule.tMax * (k + 0.5)) / spec.errorTimes,
  );
  if (errorTimes.length > 0)
    parts.error = Float32Array.from(await trainer.errorVsTime(exact, errorTimes));
  const mapT = spec.mapTime * schedule.tMax;
  const mapExtent = viewExtent(schedule.scale(mapT), schedule.sigma(mapT));
  if (spec.mapSize > 0)
    parts.map = Float32Array.from(
      await trainer.errorMap(exact, mapT, { size: spec.mapSize, extent: mapExtent }),
    );

  const info = {
    step: trainer.stepsDone,
    spec,
    fieldT,
    fieldSigma,
    fieldScale,
    fieldExtent,
    errorTimes,
    mapT,
    mapExtent,
    ms: performance.now() - t0,
  };
  return { info, parts };
}

/** Steps of the next chunk: at most `chunk`, and about `chunkMs` worth at the measured rate. */
function chunkSize(job: TrainJob, stepsPerSecond: number): number {
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
  const { trainer, exact } = await makeTrainer(job, ctx);
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
    const s = await snapshot(trainer, exact, spec);
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
        stopArmed = (job.stopAt ?? 0) > 0;
        sendState();
        await sendSnapshot();
      }
      if (c.saveRequested) {
        c.saveRequested = false;
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
      // Steps taken one by one past the stop step disarm it.
      if (stopArmed && trainer.stepsDone >= job.stopAt!) stopArmed = false;
      if (stopArmed && !c.paused) n = Math.min(n, job.stopAt! - trainer.stepsDone);
      if (c.paused) c.pendingSteps -= n;
      const firstStep = trainer.stepsDone;
      const t0 = performance.now();
      const losses = await trainer.step(n);
      const stepsPerSecond = (1000 * n) / Math.max(1e-3, performance.now() - t0);
      rate = stepsPerSecond;
      show({ type: 'trainLoss', runId, firstStep, losses, stepsPerSecond }, [losses.buffer]);
      const boundary = every > 0 && trainer.stepsDone % every === 0;
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
    trainer.dispose();
  }
  return new Float32Array(0);
}
