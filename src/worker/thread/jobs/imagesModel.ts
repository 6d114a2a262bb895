import * as tf from '@tensorflow/tfjs-core';
import { frechetDistance, moments, type Moments } from '../../../core/metrics/frechet';
import type { DiscreteVPSchedule } from '../../../core/schedules/discreteVP';
import { flowProcess } from '../../../core/schedules/flow';
import { makeSigmaGrid, makeTimestepGrid } from '../../../core/schedules/grid';
import type { SamplingGrid } from '../../../core/samplers/types';
import type { Process } from '../../../core/schedules/process';
import { classifierOutputs, type ClassifierTopology } from '../../../models/classifier';
import { trainingDiffusion } from '../../../models/denoiser2d';
import { imageModelInfo, type ImageModelInfo } from '../../../models/guidedUnetDenoiser';
import { loadModel, type LoadedModel, type LoadOptions } from '../../../models/loader';
import { isFlowSchedule, type ModelEntry } from '../../../models/manifest';
import { loadTestImages, type TestImages } from '../../../models/testImages';
import type { GridPlacement } from '../../protocol/image';
import type { JobContext } from './context';
import { cachedManifest } from './models2d';

export interface ImageClassifier {
  weights: tf.NamedTensorMap;
  topo: ClassifierTopology;
  /** Pooled features of the test images, and the FD between their even and odd halves. */
  reference: Moments;
  references: number;
  fdFloor: number;
}

/** An image model with everything the image jobs need, loaded and verified once per worker. */
export interface ImageBundle {
  loaded: LoadedModel;
  info: ImageModelInfo;
  /** H·W·C of one image. */
  dim: number;
  /**
   * The training process, on which frames report s(t) and t: the discrete VP schedule of a
   * diffusion model, or the (unshifted) rectified flow of a flow-matching model, t = τ.
   */
  process: Process;
  /** The discrete VP schedule of a diffusion model; null for a flow-matching model. */
  schedule: DiscreteVPSchedule | null;
  test: TestImages;
  /** null when no classifier for the model's data set ships. */
  classifier: ImageClassifier | null;
}

const bundles = new Map<string, Promise<ImageBundle>>();

async function entryFor(
  id: string,
  ctx: JobContext,
): Promise<{ entry: ModelEntry; classifier?: ModelEntry; testSource: ModelEntry }> {
  const { models } = await cachedManifest(ctx.modelsUrl);
  const entry = models.find((m) => m.id === id);
  if (!entry || entry.kind !== 'unet') {
    const shipped = models.filter((m) => m.kind === 'unet').map((m) => m.id);
    throw new Error(
      `the image model "${id}" is not in this build's manifest (image models here: ${shipped.join(', ') || 'none'})`,
    );
  }
  const classifier = models.find((m) => m.kind === 'classifier' && m.dataset === entry.dataset);
  // A model without its own test images (digits-fm) uses those of a model on the same data set.
  const ownTests = (e: ModelEntry) => e.files.some((f) => f.path === `${e.id}/test-images.json`);
  const testSource =
    [entry, ...models].find(
      (m) => m.kind === 'unet' && m.dataset === entry.dataset && ownTests(m),
    ) ?? entry;
  return { entry, classifier, testSource };
}

/** Features and logits of images in [-1, 1] (clipped first: the classifier saw only that range). */
export function classifierOn(c: Pick<ImageClassifier, 'weights' | 'topo'>, x: tf.Tensor4D) {
  return tf.tidy(() =>
    classifierOutputs(c.weights, c.topo, tf.clipByValue(x, -1, 1) as tf.Tensor4D),
  );
}

async function featureMoments(c: Pick<ImageClassifier, 'weights' | 'topo'>, test: TestImages) {
  const x = tf.tensor4d(test.pixels, [test.count, test.height, test.width, 1]);
  const { logits, features } = classifierOn(c, x);
  const f = (await features.data()) as Float32Array;
  const d = features.shape[1];
  tf.dispose([x, logits, features]);
  const half = (parity: number) => {
    const rows = Array.from({ length: test.count }, (_, i) => i).filter((i) => i % 2 === parity);
    return moments(
      Float64Array.from(rows.flatMap((i) => [...f.subarray(i * d, (i + 1) * d)])),
      rows.length,
      d,
    );
  };
  return {
    reference: moments(f, test.count, d),
    references: test.count,
    fdFloor: frechetDistance(half(0), half(1)),
  };
}

/** A flow-matching model (velocity on the rectified flow) or a diffusion model (discrete VP). */
function trainingProcess(entry: ModelEntry): Pick<ImageBundle, 'process' | 'schedule'> {
  if (entry.schedule && isFlowSchedule(entry.schedule))
    return { process: flowProcess(), schedule: null };
  const { schedule } = trainingDiffusion(entry);
  return { process: schedule, schedule };
}

async function build(id: string, ctx: JobContext): Promise<ImageBundle> {
  const { entry, classifier, testSource } = await entryFor(id, ctx);
  const files = [entry, ...(classifier ? [classifier] : [])];
  const totalBytes = files
    .flatMap((e) => e.files)
    .filter((f) => f.role !== 'data')
    .reduce((n, f) => n + f.bytes, 0);
  let done = 0;
  const options = (e: ModelEntry): LoadOptions => ({
    fetch: (u) => fetch(u),
    baseUrl: ctx.modelsUrl,
    onProgress: (p) =>
      ctx.progress(
        'load',
        `loading ${e.id}: ${((done + p.loadedBytes) / 1024).toFixed(0)} / ${(totalBytes / 1024).toFixed(0)} KiB`,
        (done + p.loadedBytes) / totalBytes,
      ),
  });
  const loaded = await loadModel(entry, options(entry));
  done += entry.files.filter((f) => f.role !== 'data').reduce((n, f) => n + f.bytes, 0);
  const info = imageModelInfo(loaded);
  const test = await loadTestImages(testSource, options(testSource));
  let scorer: ImageClassifier | null = null;
  if (classifier) {
    const c = await loadModel(classifier, options(classifier));
    const net = {
      weights: c.weights,
      topo: c.modelJson.modelTopology as unknown as ClassifierTopology,
    };
    scorer = { ...net, ...(await featureMoments(net, test)) };
  }
  return {
    loaded,
    info,
    dim: info.inputShape.reduce((a, b) => a * b, 1),
    ...trainingProcess(entry),
    test,
    classifier: scorer,
  };
}

/**
 * The sampling grid of an image model: a diffusion model's training timesteps placed by
 * `spacing`; for a flow-matching model, process times spaced uniformly on the flow with time
 * shift α (diffusers' FlowMatchEulerDiscreteScheduler, τ from 0.999 down to 0.001, then σ = 0).
 * The grid's process is what euler-maruyama, pc and midpoint (process time) integrate.
 */
export function imageGrid(
  bundle: Pick<ImageBundle, 'schedule'>,
  steps: number,
  placement: GridPlacement,
): SamplingGrid {
  if (bundle.schedule) return makeTimestepGrid(bundle.schedule, placement.spacing, steps);
  if (!(placement.shift >= 0.1 && placement.shift <= 10))
    throw new Error(`the time shift α must be in 0.1..10, got ${placement.shift}`);
  return makeSigmaGrid(flowProcess({ shift: placement.shift }), 'time-uniform', steps);
}

/** The image model `id` with its classifier and test images; loaded once, retried after a failure. */
export function imageBundle(id: string, ctx: JobContext): Promise<ImageBundle> {
  let b = bundles.get(id);
  if (!b) {
    b = build(id, ctx).catch((e: Error) => {
      bundles.delete(id);
      throw e;
    });
    bundles.set(id, b);
  }
  return b;
}
