import { kdeGrid, scottBandwidth } from '../../../core/metrics/kde';
import { gammaGrid } from '../../../core/vdm/gamma';
import { float64Denoiser } from '../../../models/train2d/distillRun';
import { VdmTrainer } from '../../../models/train2d/vdmTrainer';
import {
  SNAPSHOT_DENSITY_EXTENT,
  type TrainJob,
  type TrainSnapshotInfo,
  type TrainSnapshotParts,
  type TrainSnapshotSpec,
  type VdmSettings,
} from '../../protocol';
import { trainingData } from './train';
import { runTrainLoop, type TrainContext } from './trainLoop';
import { sampleWith } from './trainDistill';
import { emptySnapshotParts } from './trainSnapshot';

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
  const parts = emptySnapshotParts();
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
 * A VDM training run (TrainJob.vdm) in the shared training loop (trainLoop.ts), on a VdmTrainer
 * from scratch. Saving is refused: a learned schedule has no place in the shipped model format.
 */
export async function runVdmTrain(
  job: TrainJob,
  settings: VdmSettings,
  ctx: TrainContext,
): Promise<Float32Array> {
  if (job.start !== 'scratch')
    throw new Error('a VDM run trains from scratch: its schedule has no shipped or saved form');
  const trainer = new VdmTrainer(trainingData(job).points, job.config, settings);
  return runTrainLoop(job, ctx, {
    get stepsDone() {
      return trainer.stepsDone;
    },
    step: (n) => trainer.step(n),
    snapshot: (spec) => vdmSnapshot(trainer, spec),
    reset: () => trainer.reset(),
    save: () => Promise.reject(new Error('a VDM model cannot be saved from the train view')),
    dispose: () => trainer.dispose(),
  });
}
