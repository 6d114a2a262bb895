import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs-core';
import { frechetDistance, moments, type Moments } from '../core/metrics/frechet';
import type { Denoiser } from '../core/samplers/types';
import { classifierOutputs, type ClassifierTopology } from '../models/classifier';
import { latentDenoiser, latentModelInfo, type LatentModelInfo } from '../models/latentDenoiser';
import { loadModel } from '../models/loader';
import type { ModelEntry } from '../models/manifest';
import { parseTestImages } from '../models/testImages';
import { fileFetch } from './modelFiles';

/** A trained latent denoiser (mlp-<dataset>-latent<d>d): what it states and its guided denoiser. */
export async function loadLatentNetwork(
  entry: ModelEntry,
  modelsDir: string,
): Promise<{
  info: LatentModelInfo;
  denoiser: (classId: number | null, guidance: number) => Denoiser<tf.Tensor>;
}> {
  const loaded = await loadModel(entry, { fetch: fileFetch, baseUrl: modelsDir });
  return {
    info: latentModelInfo(loaded),
    denoiser: (classId, guidance) => latentDenoiser(loaded, classId, guidance),
  };
}

export interface ImageScores {
  /** Share of images the classifier assigns to their requested class. */
  agreement: number;
  /** Fréchet distance of the classifier's pooled features to those of the shipped test images. */
  fd: number;
}

/**
 * The app's image-quality proxies (src/worker/thread/jobs/imagesQuality.ts) for the CLI: the bundled
 * classifier's agreement with the requested classes, and the Fréchet distance of its pooled last-conv
 * features to the test images a model ships (`fdFloor`: between the two halves of those images).
 */
export async function loadImageScorer(
  classifierEntry: ModelEntry,
  testSource: ModelEntry,
  modelsDir: string,
): Promise<{
  references: number;
  fdFloor: number;
  score: (images: tf.Tensor4D, requested: readonly number[]) => ImageScores;
}> {
  const loaded = await loadModel(classifierEntry, { fetch: fileFetch, baseUrl: modelsDir });
  const topo = loaded.modelJson.modelTopology as unknown as ClassifierTopology;
  const run = (x: tf.Tensor4D) => {
    const { logits, features } = tf.tidy(() =>
      classifierOutputs(loaded.weights, topo, tf.clipByValue(x, -1, 1) as tf.Tensor4D),
    );
    const predicted = tf.tidy(() => tf.argMax(logits, 1)).dataSync();
    const f = features.dataSync();
    const d = features.shape[1];
    tf.dispose([logits, features]);
    return { predicted, f, d };
  };
  const json = JSON.parse(
    await readFile(`${modelsDir}${testSource.id}/test-images.json`, 'utf8'),
  ) as unknown;
  const test = parseTestImages(testSource, json);
  const x = tf.tensor4d(test.pixels, [test.count, test.height, test.width, 1]);
  const ref = run(x);
  x.dispose();
  const rowsOf = (f: ArrayLike<number>, d: number, keep: (i: number) => boolean): Moments => {
    const rows: number[] = [];
    for (let i = 0; i < f.length / d; i++)
      if (keep(i)) for (let k = 0; k < d; k++) rows.push(f[i * d + k]);
    return moments(rows, rows.length / d, d);
  };
  const reference = rowsOf(ref.f, ref.d, () => true);
  return {
    references: test.count,
    fdFloor: frechetDistance(
      rowsOf(ref.f, ref.d, (i) => i % 2 === 0),
      rowsOf(ref.f, ref.d, (i) => i % 2 === 1),
    ),
    score: (images, requested) => {
      const { predicted, f, d } = run(images);
      const n = images.shape[0];
      if (requested.length !== n)
        throw new Error(`score: ${requested.length} labels for ${n} images`);
      const agreeing = requested.filter((c, i) => predicted[i] === c).length;
      return {
        agreement: agreeing / n,
        fd: n >= 2 ? frechetDistance(moments(f, n, d), reference) : NaN,
      };
    },
  };
}
