import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleDataset } from '../../core/data/index';
import { mlp2dDenoiser } from '../denoiser2d';
import type { ModelJson } from '../manifest';
import { mlp2dForward, type Mlp2dArchitecture } from '../mlp2d';
import { MODELS_DIR } from '../shippedModels.testkit';
import { readShippedMlp } from './shippedMlp.testkit';
import { loadTrained } from './modelFiles';
import { Trainer } from './trainer';

const DATA = sampleDataset('moons', 2000, 1);
const X = tf.tensor2d([
  [0.3, -0.8],
  [1.5, 0.2],
  [-2, 1],
  [0, 0],
]);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function trained(timeEmbedding: 'sinusoidal' | 'fourier', objective: 'eps' | 'dsm' = 'eps') {
  const trainer = new Trainer(DATA, {
    config: { hidden: 16, layers: 2, batch: 32, timeEmbedding, objective },
    dataset: 'moons',
  });
  await trainer.step(5);
  return { trainer, files: await trainer.save() };
}

const bytes = (f: { weightsBin: Uint8Array }) => ({ 'weights.bin': f.weightsBin });
const edit = (modelJson: string, change: (j: ModelJson) => void): string => {
  const j = JSON.parse(modelJson) as ModelJson;
  change(j);
  return JSON.stringify(j);
};

describe('save and loadTrained', () => {
  it.each(['sinusoidal', 'fourier'] as const)(
    '%s: reloaded weights give bitwise identical outputs',
    async (emb) => {
      const { trainer, files } = await trained(emb, 'dsm');
      const loaded = await loadTrained({ modelJson: files.modelJson, weights: bytes(files) });
      expect(loaded.entry.parameterisation).toBe('score');
      expect(loaded.entry.schedule).toEqual({
        kind: 'linear',
        T: 1000,
        beta_start: 1e-4,
        beta_end: 0.02,
      });
      const arch = loaded.modelJson.architecture as unknown as Mlp2dArchitecture;
      const t = tf.tensor1d([0, 3.5, 400, 999]);
      const a = mlp2dForward(trainer.weights('ema'), trainer.arch, X, t).dataSync();
      const b = mlp2dForward(loaded.weights, arch, X, t).dataSync();
      expect(Array.from(b)).toEqual(Array.from(a));
      expect(a.some((v) => v !== 0)).toBe(true);
      const da = trainer.denoiser()(X, 2.5).dataSync();
      const db = mlp2dDenoiser(loaded)(X, 2.5).dataSync();
      expect(Array.from(db)).toEqual(Array.from(da));
      tf.dispose([t, ...Object.values(loaded.weights)]);
      trainer.dispose();
    },
  );

  it('writes the shipped keys, in the shipped tensor order', async () => {
    const { trainer, files } = await trained('sinusoidal');
    const json = JSON.parse(files.modelJson);
    const shipped = readShippedMlp('mlp-moons').json;
    expect(Object.keys(json.architecture).sort()).toEqual(
      Object.keys(shipped.architecture!).sort(),
    );
    expect(Object.keys(json.diffusion).sort()).toEqual(Object.keys(shipped.diffusion!).sort());
    const names = (j: ModelJson) => j.weightsManifest[0].weights.map((w) => w.name);
    expect(names(json).filter((n) => !n.startsWith('hidden_1'))).toEqual(
      names(shipped).filter((n) => !n.startsWith('hidden_1') && n !== 'time_proj_2/kernel'),
    );
    expect(json.training.steps).toBe(5);
    trainer.dispose();
  });

  it('loads a shipped model as an upload, with the same weights', async () => {
    const dir = `${MODELS_DIR}mlp-moons/`;
    const loaded = await loadTrained({
      modelJson: new Uint8Array(readFileSync(`${dir}model.json`)),
      weights: { 'my-download.bin': new Uint8Array(readFileSync(`${dir}weights.bin`)) },
    });
    const ref = readShippedMlp('mlp-moons');
    expect(Array.from(loaded.weights['hidden_1/kernel'].dataSync())).toEqual(
      Array.from(ref.weights['hidden_1/kernel'].dataSync()),
    );
    expect(loaded.entry.parameterisation).toBe('eps');
    tf.dispose([...Object.values(loaded.weights), ...Object.values(ref.weights)]);
  });

  describe('rejects bad uploads with a clear message', () => {
    const cases: [
      string,
      (f: { modelJson: string; weightsBin: Uint8Array }) => Parameters<typeof loadTrained>[0],
      string | RegExp,
    ][] = [
      [
        'truncated weights',
        (f) => ({
          modelJson: f.modelJson,
          weights: { 'weights.bin': f.weightsBin.slice(0, 1000) },
        }),
        /model "uploaded": the declared tensors need \d+ bytes, the weight files hold 1000/,
      ],
      [
        'a wrong shape',
        (f) => ({
          modelJson: edit(f.modelJson, (j) => {
            j.weightsManifest[0].weights[2].shape = [16, 2];
          }),
          weights: bytes(f),
        }),
        'model "uploaded": tensor input/kernel has shape [16,2], expected [2,16]',
      ],
      [
        'garbage JSON',
        (f) => ({ modelJson: '{"architecture": {"kind": "mlp2d",', weights: bytes(f) }),
        /model "uploaded": model\.json is not valid JSON \(/,
      ],
      [
        'a JSON that is not a model',
        (f) => ({ modelJson: '[1, 2, 3]', weights: bytes(f) }),
        'model "uploaded": model.json is not a JSON object',
      ],
      [
        'no weights manifest',
        (f) => ({
          modelJson: edit(f.modelJson, (j) => {
            delete (j as Partial<ModelJson>).weightsManifest;
          }),
          weights: bytes(f),
        }),
        'model "uploaded": model.json has no valid weightsManifest',
      ],
      [
        'another kind of model',
        (f) => ({
          modelJson: edit(f.modelJson, (j) => {
            j.architecture!.kind = 'unet';
          }),
          weights: bytes(f),
        }),
        'model "uploaded": model.json describes a "unet"; only 2D MLPs (kind "mlp2d") load here',
      ],
      [
        'an unknown parameterisation',
        (f) => ({
          modelJson: edit(f.modelJson, (j) => {
            j.diffusion!.parameterisation = 'flow';
          }),
          weights: bytes(f),
        }),
        'model "uploaded": diffusion.parameterisation must be one of eps, x0, v, score, got "flow"',
      ],
      [
        'a bad layer count',
        (f) => ({
          modelJson: edit(f.modelJson, (j) => {
            j.architecture!.layers = 0;
          }),
          weights: bytes(f),
        }),
        'model "uploaded": architecture.layers must be a positive integer, got 0',
      ],
      [
        'a missing weight file',
        (f) => ({ modelJson: f.modelJson, weights: {} }),
        'model "uploaded": model.json needs the weight file weights.bin, which was not given',
      ],
      [
        'NaN weights',
        (f) => ({
          modelJson: f.modelJson,
          weights: { 'weights.bin': Uint8Array.from(f.weightsBin).fill(0xff, 0, 4) },
        }),
        'model "uploaded": tensor time_embed/kernel holds NaN or infinite values',
      ],
    ];
    it.each(cases)('%s', async (_, make, message) => {
      const { trainer, files } = await trained('sinusoidal');
      await expect(loadTrained(make(files))).rejects.toThrow(message);
      trainer.dispose();
    });
  });
});
