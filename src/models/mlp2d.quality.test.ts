import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleDataset } from '../core/data/index';
import { denoiserFromModel } from '../core/denoisers/parameterisation';
import { slicedWasserstein1 } from '../core/metrics/index';
import { INITIAL_NOISE_KEY, normals } from '../core/rng';
import { requireSampler } from '../core/samplers/registry';
import type { BetaScheduleKind } from '../core/schedules/betas';
import { makeDiscreteVP } from '../core/schedules/discreteVP';
import { karrasSigmas } from '../core/schedules/sigmas';
import type { DiscreteScheduleSpec, ModelJson } from './manifest';
import { mlp2dForward, type Mlp2dArchitecture } from './mlp2d';
import { tfOps } from './tfOps';

/**
 * The shipped models' quality requirement, reproduced with the app's own TypeScript sampler:
 * samples from 50 steps of DPM-Solver++(2M) on a Karras grid must lie within twice the
 * sliced W1 (256 directions) that separates two independent data samples of the same size.
 * training/train_mlp2d.py checks every model (5,000 points, three repeats); this test checks
 * one model once, at full size (about 20 s on an idle core with tfjs's CPU backend).
 */
const N = 5000;
const MODELS = join(__dirname, '..', '..', 'public', 'models');

function denoiserFor(dataset: string) {
  const dir = join(MODELS, `mlp-${dataset}`);
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as ModelJson;
  const bin = readFileSync(join(dir, 'weights.bin'));
  const weights = tf.io.decodeWeights(
    bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
    json.weightsManifest[0].weights,
  );
  const arch = json.architecture as unknown as Mlp2dArchitecture;
  const spec = (json.diffusion as { schedule: DiscreteScheduleSpec }).schedule;
  const schedule = makeDiscreteVP({
    kind: spec.kind as BetaScheduleKind,
    numTrainTimesteps: spec.T,
    betaStart: spec.beta_start,
    betaEnd: spec.beta_end,
  });
  const model = (xt: tf.Tensor, t: number) =>
    mlp2dForward(weights, arch, xt as tf.Tensor2D, tf.fill([xt.shape[0]], t) as tf.Tensor1D);
  return { schedule, denoise: denoiserFromModel(tfOps, schedule, 'eps', model), weights };
}

function sampleModel(dataset: string): Float64Array {
  const { schedule, denoise, weights } = denoiserFor(dataset);
  const sigmas = karrasSigmas(50, schedule.sigma(0), schedule.sigma(schedule.tMax));
  const run = requireSampler('dpmpp-2m').create(
    { ops: tfOps, denoise, noise: () => tf.zeros([N, 2]) },
    { sigmas },
    {},
  );
  const start = normals(7, INITIAL_NOISE_KEY, 2 * N).map((v) => v * sigmas[0]);
  let x: tf.Tensor = tf.tensor2d(Float32Array.from(start), [N, 2]);
  for (let i = 0; i < sigmas.length - 1; i++) {
    const next = tf.tidy(() => {
      const r = run.step(x, i);
      run.history().forEach((h) => tf.keep(h));
      return r.x;
    });
    x.dispose();
    x = next;
  }
  const out = Float64Array.from(x.dataSync());
  tf.dispose([x, ...Object.values(weights)]);
  return out;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('trained 2D models sample their data (TypeScript DPM-Solver++(2M), sliced W1)', () => {
  it.each(['moons'])('mlp-%s', { timeout: 300_000 }, (dataset) => {
    const data = sampleDataset(dataset, N, 2);
    const other = sampleDataset(dataset, N, 3);
    const options = { projections: 256, seed: 0 };
    const model = slicedWasserstein1(sampleModel(dataset), data, options);
    const reference = slicedWasserstein1(other, data, options);
    console.log(
      `mlp-${dataset}: SW1 model→data ${model.toFixed(4)}, data→data ${reference.toFixed(4)}`,
    );
    expect(model).toBeLessThanOrEqual(2 * reference);
  });
});
