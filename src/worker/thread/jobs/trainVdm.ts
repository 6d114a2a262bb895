import { kdeGrid, scottBandwidth } from '../../../core/metrics/kde';
import { gammaGrid } from '../../../core/vdm/gamma';
import { float64Denoiser } from '../../../models/train2d/distillRun';
import { VdmTrainer } from '../../../models/train2d/vdmTrainer';
import {
  SNAPSHOT_DENSITY_EXTENT,
  type TrainFromWorker,
  type TrainJob,
  type TrainSnapshotInfo,
  type TrainSnapshotParts,
  type TrainSnapshotSpec,
  type VdmSettings,
} from '../../protocol';
import { transferList } from '../transfer';
import { yieldToMessages } from './context';
import { chunkSize, trainingData, type TrainContext } from './train';
import { sampleWith } from './trainDistill';

/** Probe examples of each snapshot's bound and variance under both schedules. */
const PROBE_COUNT = 2048;
/** Points of the learned γ(t) curve each snapshot sends. */
const GAMMA_POINTS = 100;

/** Samples (DDIM on the learned schedule's grid), their density and the VDM report. */
async function vdmSnapshot(
  trainer: VdmTrainer,
  requested: TrainSnapshotSpec,
): Promise<{ info: TrainSnapshotInfo; parts: TrainSnapshotParts }> {
  const t0 = performance.now();
  // No exact comparison here: the learned schedule is no discrete VP schedule of D*'s.
  const spec = { ...requested, fieldSize: 0, errorTimes: 0, mapSize: 0 };
  const empty = new Float32Array(0);
  const parts: TrainSnapshotParts = {
    samples: empty,
    field: empty,
    density: empty,
    error: empty,
    map: empty,
  };
  if (spec.particles > 0) {
    const x = sampleWith(
      float64Denoiser(trainer.denoiser()),
      'ddim',
      trainer.samplingSigmas(),
      spec.particles,
      trainer.config.seed,
    );
    parts.samples = Float32Array.from(x);
    if (spec.densitySize > 0 && spec.particles >= 2)
      parts.density = Float32Array.from(
        kdeGrid(
          parts.samples,
          SNAPSHOT_DENSITY_EXTENT,
          spec.densitySize,
          scottBandwidth(parts.samples),
        ),
      );
  }
  const gamma = trainer.gamma();
  const grid = gammaGrid(gamma, GAMMA_POINTS);
  const estimates = await trainer.estimates(PROBE_COUNT);
  const info: TrainSnapshotInfo = {
    step: trainer.stepsDone,
    spec,
    fieldT: 0,
    fieldSigma: 0,
    fieldScale: 1,
    fieldExtent: SNAPSHOT_DENSITY_EXTENT,
    errorTimes: [],
    mapT: 0,
    mapExtent: SNAPSHOT_DENSITY_EXTENT,
    ms: performance.now() - t0,
    vdm: {
      ...grid,
      startGamma0: trainer.settings.gamma0,
      startGamma1: trainer.settings.gamma1,
      ...estimates,
      probeCount: PROBE_COUNT,
      sampleSteps: trainer.settings.sampleSteps,
    },
  };
  return { info, parts };
}

/**
 * A VDM training run (TrainJob.vdm): the same chunked loop and controls as runTrain (pause,
 * resume, step, reset, snapshot, view, the page's 'shown', a stop step), on a VdmTrainer from
 * scratch. Saving is refused: a learned schedule has no place in the shipped model format.
 */
export async function runVdmTrain(
  job: TrainJob,
  settings: VdmSettings,
  ctx: TrainContext,
): Promise<Float32Array> {
  if (job.start !== 'scratch')
    throw new Error('a VDM run trains from scratch: its schedule has no shipped or saved form');
  const trainer = new VdmTrainer(trainingData(job).points, job.config, settings);
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
      state: c.paused ? 'paused' : 'running',
      step: trainer.stepsDone,
    });
  const show = (msg: TrainFromWorker, transfer: Transferable[]) => {
    c.awaitingPage = !!job.pageWaitMs;
    ctx.send(msg, transfer);
  };
  const sendSnapshot = async () => {
    const s = await vdmSnapshot(trainer, spec);
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
        throw new Error('a VDM model cannot be saved from the train view');
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
      if (stopArmed && trainer.stepsDone >= job.stopAt!) stopArmed = false;
      if (stopArmed && !c.paused) n = Math.min(n, job.stopAt! - trainer.stepsDone);
      if (c.paused) c.pendingSteps -= n;
      const firstStep = trainer.stepsDone;
      const t0 = performance.now();
      const { losses, variances } = await trainer.step(n);
      rate = (1000 * n) / Math.max(1e-3, performance.now() - t0);
      show({ type: 'trainLoss', runId, firstStep, losses, variances, stepsPerSecond: rate }, [
        losses.buffer,
        variances.buffer,
      ]);
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
