import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { normals } from '../core/rng';
import { makeDiscreteVP } from '../core/schedules/discreteVP';
import { latentDenoiser, latentModelInfo } from './latentDenoiser';
import type { LoadedModel } from './loader';
import type { ModelEntry } from './manifest';
import { mlp2dForward, mlp2dWeightShapes, type Mlp2dArchitecture } from './mlp2d';
import { maxAbsDiff, readShippedModel, requireShippedModels } from './shippedModels.testkit';

const LATENT_MODELS = ['mlp-fashion-latent2d', 'mlp-fashion-latent16d', 'mlp-digits-latent2d'];
requireShippedModels(LATENT_MODELS);

interface LatentJson {
  architecture: Mlp2dArchitecture;
  diffusion: { schedule: ModelEntry['schedule']; nullClass: number };
  autoencoder: string;
  testVector: { x: number[][]; t: number[]; y: number[]; eps: number[][] };
}

function loaded(id: string): LoadedModel & { json: LatentJson } {
  const { json, weights } = readShippedModel(id);
  const j = json as unknown as LatentJson;
  const entry = {
    id,
    kind: 'mlp2d',
    parameterisation: 'eps',
    schedule: j.diffusion.schedule,
  } as ModelEntry;
  return { entry, modelJson: json as unknown as LoadedModel['modelJson'], weights, json: j };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(LATENT_MODELS)('%s', (id) => {
  const model = loaded(id);
  const arch = model.json.architecture;

  it('declares the tensors of a class-conditional MLP over its autoencoder’s latents', () => {
    const declared = Object.fromEntries(
      model.modelJson.weightsManifest[0].weights.map((w) => [w.name, w.shape]),
    );
    expect(declared).toEqual(mlp2dWeightShapes(arch));
    const info = latentModelInfo(model);
    expect(info.autoencoder).toBe(
      id.includes('16d') ? 'fashion-vae16' : id.replace(/^mlp-(\w+)-latent2d$/, '$1-vae2'),
    );
    expect(info.latentDim).toBe(id.includes('16d') ? 16 : 2);
    expect(info).toMatchObject({ classes: 10, nullClass: 10 });
  });

  it("reproduces PyTorch's float32 test vector (every label, null class included) to 1e-5", () => {
    const v = model.json.testVector;
    expect(new Set(v.y).size).toBe(11);
    const out = mlp2dForward(
      model.weights,
      arch,
      tf.tensor2d(v.x),
      tf.tensor1d(v.t),
      undefined,
      tf.tensor1d(v.y, 'int32'),
    );
    const err = maxAbsDiff(out.dataSync(), v.eps.flat());
    console.log(`${id}: max |tfjs − PyTorch| = ${err.toExponential(2)}`);
    expect(err).toBeLessThan(1e-5);
  });

  it('at one scalar time, the time path run once per class and picked by label, agrees row by row', () => {
    const v = model.json.testVector;
    const x = tf.tensor2d(v.x);
    const labels = tf.tensor1d(v.y, 'int32');
    const rows = v.t.map((t, i) =>
      tf.tidy(() => mlp2dForward(model.weights, arch, x, t, undefined, labels).arraySync()[i]),
    );
    expect(maxAbsDiff(Float32Array.from(rows.flat()), v.eps.flat())).toBeLessThan(1e-5);
    tf.dispose([x, labels]);
  });

  it('guides as D_uncond + w·(D_cond − D_uncond), D = x − σ·ε̂ at the VP state x/√(1 + σ²)', () => {
    const d = arch.inputDim ?? 2;
    const n = 3;
    const sigma = 1.7;
    const xs = Float32Array.from(normals(4, 0, n * d), (u) => u * 2);
    const x = tf.tensor2d(xs, [n, d]);
    const at = (c: number | null, w: number) => latentDenoiser(model, c, w)(x, sigma).dataSync();
    const cond = at(4, 1);
    const uncond = at(null, 1);
    expect(maxAbsDiff(at(4, 0), uncond)).toBe(0);
    const expected = uncond.map((u, i) => u + 3 * (cond[i] - u));
    expect(maxAbsDiff(at(4, 3), expected)).toBeLessThan(1e-4);
    expect(maxAbsDiff(cond, uncond)).toBeGreaterThan(1e-3);
    // The ε-parameterisation by hand: the schedule's t(σ), the network on x/√(1 + σ²) with label 4.
    const t = makeDiscreteVP({ kind: 'linear' }).tOfSigma(sigma);
    const eps = mlp2dForward(
      model.weights,
      arch,
      tf.div(x, Math.sqrt(1 + sigma * sigma)) as tf.Tensor2D,
      tf.fill([n], t) as tf.Tensor1D,
      undefined,
      tf.fill([n], 4, 'int32') as tf.Tensor1D,
    ).dataSync();
    const byHand = xs.map((xi, i) => xi - sigma * eps[i]);
    expect(maxAbsDiff(cond, byHand)).toBeLessThan(1e-4);
  });

  it('refuses a class out of range, a missing label and a non-latent model', () => {
    expect(() => latentDenoiser(model, 10, 2)).toThrow(/class must be 0 … 9/);
    expect(() => latentDenoiser(model, 1, NaN)).toThrow(/guidance must be finite/);
    expect(() =>
      mlp2dForward(model.weights, arch, tf.zeros([1, arch.inputDim ?? 2]), tf.zeros([1])),
    ).toThrow(/class-conditional .* needs labels/);
    const plain = { ...model, modelJson: { ...model.modelJson, autoencoder: undefined } };
    expect(() => latentModelInfo(plain)).toThrow(/not a class-conditional latent denoiser/);
  });
});
