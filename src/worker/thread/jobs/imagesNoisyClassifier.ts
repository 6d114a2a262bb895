import type { BetaScheduleKind } from '../../../core/schedules/betas';
import { makeDiscreteVP } from '../../../core/schedules/discreteVP';
import { loadModel } from '../../../models/loader';
import type { NoisyClassifier, NoisyClassifierTopology } from '../../../models/noisyClassifier';
import type { JobContext } from './context';
import type { ImageBundle } from './imagesModel';
import { cachedManifest } from './models2d';

const loaded = new Map<string, Promise<NoisyClassifier>>();

async function load(dataset: string, ctx: JobContext): Promise<NoisyClassifier> {
  const { models } = await cachedManifest(ctx.modelsUrl);
  const entry = models.find((m) => m.kind === 'noisy-classifier' && m.dataset === dataset);
  if (!entry)
    throw new Error(
      `classifier guidance needs a noise-conditional classifier of the "${dataset}" images; this build ships none (use guide=cfg)`,
    );
  const spec = entry.schedule;
  if (!spec || spec.kind === 'flow')
    throw new Error(`model "${entry.id}" states no discrete VP schedule it was trained on`);
  const model = await loadModel(entry, {
    fetch: (u) => fetch(u),
    baseUrl: ctx.modelsUrl,
    onProgress: (p) =>
      ctx.progress('load', `loading ${entry.id}`, p.loadedBytes / Math.max(1, p.totalBytes)),
  });
  return {
    weights: model.weights,
    topo: model.modelJson.modelTopology as unknown as NoisyClassifierTopology,
    schedule: makeDiscreteVP({
      kind: spec.kind as BetaScheduleKind,
      numTrainTimesteps: spec.T,
      betaStart: spec.beta_start,
      betaEnd: spec.beta_end,
    }),
  };
}

/** The noise-conditional classifier of an image model's data set; loaded once per worker. */
export function noisyClassifierFor(bundle: ImageBundle, ctx: JobContext): Promise<NoisyClassifier> {
  const dataset = bundle.loaded.entry.dataset;
  let c = loaded.get(dataset);
  if (!c) {
    c = load(dataset, ctx).catch((e: Error) => {
      loaded.delete(dataset);
      throw e;
    });
    loaded.set(dataset, c);
  }
  return c;
}
