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
import type { TrainJob } from '../../protocol';
import { DistillReporter, makeDistillation } from './trainDistill';
import { runTrainLoop, type TrainContext, type TrainRunner } from './trainLoop';
import { snapshot } from './trainSnapshot';

/** Training points of a mixture data set; other sets train on the exact model's own points. */
const MIXTURE_TRAINING_POINTS = 20000;

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

/**
 * One training run (diffusion, distillation or the hybrid objective) in the shared training
 * loop (trainLoop.ts).
 */
export async function runTrain(job: TrainJob, ctx: TrainContext): Promise<Float32Array> {
  const { trainer, exact, distill, hybrid } = await makeTrainer(job, ctx);
  const runner: TrainRunner = {
    get stepsDone() {
      return trainer.stepsDone;
    },
    async step(n) {
      const losses = await trainer.step(n);
      if (!hybrid) return { losses };
      const [simple, vlb] = trainer.lastTerms;
      return { losses, terms: { simple, vlb } };
    },
    snapshot: (spec) => snapshot(trainer, exact, spec, distill, hybrid),
    reset() {
      trainer.reset();
      distill?.run.reset();
      distill?.reporter.clear();
    },
    async save() {
      if (distill && distill.run.settings.mode !== 'distill')
        throw new Error('a consistency model cannot be saved from the train view');
      const f = await trainer.save();
      const weightsBin = f.weightsBin.slice().buffer;
      const step = trainer.stepsDone;
      ctx.send({ type: 'trainSaved', runId: ctx.runId, step, modelJson: f.modelJson, weightsBin }, [
        weightsBin,
      ]);
    },
    maxChunk: distill ? () => distill.run.stepsToRoundEnd() : undefined,
    // A distillation round that ends freezes its student as the next round's teacher.
    chunkEnded: () => distill?.reporter.endRound() ?? false,
    dispose() {
      distill?.run.dispose();
      trainer.dispose();
    },
  };
  return runTrainLoop(job, ctx, runner);
}
