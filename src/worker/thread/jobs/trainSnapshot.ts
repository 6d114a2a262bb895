import * as tf from '@tensorflow/tfjs-core';
import type { AnalyticModel } from '../../../core/denoisers/analytic';
import { kdeGrid, scottBandwidth } from '../../../core/metrics/kde';
import { gridPoints } from '../../../core/metrics/squareGrid';
import { normals } from '../../../core/rng';
import { runToEnd } from '../../../core/samplers/driver';
import { initialState, resolveSampler } from '../../../core/scene/build';
import { makeSigmaGrid } from '../../../core/schedules/grid';
import type { DistillationRun } from '../../../models/train2d/distillRun';
import type { HybridObjective } from '../../../models/train2d/hybrid';
import type { Trainer } from '../../../models/train2d/trainer';
import {
  SNAPSHOT_DENSITY_EXTENT,
  type TrainSnapshotInfo,
  type TrainSnapshotParts,
  type TrainSnapshotSpec,
} from '../../protocol';
import { tfHost } from './hosts';
import { viewExtent } from './scene';
import { sampleWith, type DistillReporter } from './trainDistill';
import { hybridReport } from './trainHybrid';

/** A distillation run and its reports, when the job asks for one. */
/** A snapshot with no parts yet; each part is replaced by a fresh array (its buffer is transferred). */
export function emptySnapshotParts(): TrainSnapshotParts {
  const empty = new Float32Array(0);
  return { samples: empty, field: empty, density: empty, error: empty, map: empty };
}

export interface Distillation {
  run: DistillationRun;
  reporter: DistillReporter;
}

/** Samples, field, density, error curve and error map of the current EMA network (see protocol/train.ts). */
export async function snapshot(
  trainer: Trainer,
  exact: AnalyticModel,
  requested: TrainSnapshotSpec,
  distill: Distillation | null,
  hybrid: HybridObjective | null = null,
): Promise<{ info: TrainSnapshotInfo; parts: TrainSnapshotParts }> {
  const t0 = performance.now();
  // A consistency model's f is no denoiser to compare with D*: its snapshots hold samples only.
  const consistency = distill && distill.run.settings.mode !== 'distill';
  const spec = consistency ? { ...requested, fieldSize: 0, errorTimes: 0, mapSize: 0 } : requested;
  const schedule = trainer.schedule;
  const denoise = trainer.denoiser();
  const host = tfHost(2);
  const parts = emptySnapshotParts();

  let samples: Float32Array = new Float32Array(0);
  if (spec.particles > 0 && distill) {
    // The student's own sampler on its grid: DDIM at its step count, consistency sampling at 1 step.
    const { sampler, sigmas } = distill.run.sampling(distill.reporter.studentNfes()[0]);
    const x = sampleWith(
      distill.run.student(),
      sampler,
      sigmas,
      spec.particles,
      trainer.config.seed,
    );
    samples = Float32Array.from(x);
    parts.samples = samples;
  } else if (spec.particles > 0) {
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
    distill: distill?.reporter.report(),
    hybrid: hybrid ? hybridReport(trainer, hybrid) : undefined,
  };
  return { info, parts };
}
