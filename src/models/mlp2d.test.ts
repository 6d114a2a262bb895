import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATASET_IDS } from '../core/data/index';
import type { ModelJson } from './manifest';
import {
  mlp2dForward,
  mlp2dWeightShapes,
  timestepEmbedding,
  type Mlp2dArchitecture,
} from './mlp2d';

const MODELS = join(__dirname, '..', '..', 'public', 'models');

/**
 * PyTorch's outputs: `eps` for the diffusion MLPs, `velocity` for the flow-matching ones (t = 1000·τ),
 * `output` for the distilled students (v, or a consistency model's F).
 */
interface TestVector {
  x: number[][];
  t: number[];
  eps?: number[][];
  velocity?: number[][];
  output?: number[][];
}

/** The distilled students training/distill.py ships (distill-<dataset>-<N>, consistency-<dataset>). */
const STUDENTS = readdirSync(MODELS).filter((d) => /^(distill|consistency)-/.test(d));

function load(id: string) {
  const json = JSON.parse(readFileSync(join(MODELS, id, 'model.json'), 'utf8')) as ModelJson & {
    testVector: TestVector;
  };
  const bin = readFileSync(join(MODELS, id, 'weights.bin'));
  const buffer = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  return { json, weights: tf.io.decodeWeights(buffer, specs) };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('timestepEmbedding', () => {
  it('is [sin(t f_k), cos(t f_k)] with f_k = 10000^(-k/half)', () => {
    const t = [0, 1, 37.5, 999];
    const emb = timestepEmbedding(tf.tensor1d(t), 8).arraySync();
    for (let i = 0; i < t.length; i++) {
      for (let k = 0; k < 4; k++) {
        const f = Math.pow(10000, -k / 4);
        expect(emb[i][k]).toBeCloseTo(Math.sin(t[i] * f), 3);
        expect(emb[i][k + 4]).toBeCloseTo(Math.cos(t[i] * f), 3);
      }
    }
  });
});

describe('mlp2dForward at one scalar t', () => {
  // Random weights for the variants no shipped model pins at scalar t (Fourier features, classes).
  const variants: Mlp2dArchitecture[] = [
    { kind: 'mlp2d', timeDim: 8, tembDim: 16, hidden: 32, layers: 3, timeEmbedding: 'fourier' },
    { kind: 'mlp2d', timeDim: 8, tembDim: 16, hidden: 32, layers: 2, classes: 3 },
    {
      kind: 'mlp2d',
      timeDim: 8,
      tembDim: 16,
      hidden: 32,
      layers: 1,
      timeEmbedding: 'fourier',
      classes: 3,
    },
  ];
  it.each(variants)(
    'equals the per-row path at t filled in ($timeEmbedding, $classes classes)',
    (arch) => {
      const weights = Object.fromEntries(
        Object.entries(mlp2dWeightShapes(arch)).map(([name, shape]) => [
          name,
          tf.randomNormal(shape, 0, 0.5, 'float32', 11),
        ]),
      );
      const n = 5;
      const x = tf.randomNormal([n, 2], 0, 1, 'float32', 3) as tf.Tensor2D;
      const labels = arch.classes ? tf.tensor1d([0, 1, 2, 3, 1], 'int32') : undefined;
      const t = 37.5;
      const scalar = mlp2dForward(weights, arch, x, t, undefined, labels);
      const rows = mlp2dForward(
        weights,
        arch,
        x,
        tf.fill([n], t) as tf.Tensor1D,
        undefined,
        labels,
      );
      expect(scalar.shape).toEqual([n, 2]);
      const gap = tf.max(tf.abs(tf.sub(scalar, rows))).dataSync()[0];
      expect(gap).toBeLessThan(1e-5);
      expect(tf.max(tf.abs(rows)).dataSync()[0]).toBeGreaterThan(1e-3);
      tf.dispose([x, scalar, rows, ...(labels ? [labels] : []), ...Object.values(weights)]);
    },
  );
});

/** The flow models after one reflow (training/reflow.py). */
const REFLOWED = ['gaussians8', 'moons', 'swissroll'].map((d) => `fm-${d}-reflow1`);

describe.each([...DATASET_IDS.flatMap((d) => [`mlp-${d}`, `fm-${d}`]), ...STUDENTS, ...REFLOWED])(
  '%s',
  (id) => {
    it('declares the tensors its architecture needs', () => {
      const { json } = load(id);
      const arch = json.architecture as unknown as Mlp2dArchitecture;
      const declared = Object.fromEntries(
        json.weightsManifest[0].weights.map((w) => [w.name, w.shape]),
      );
      expect(declared).toEqual(mlp2dWeightShapes(arch));
    });

    it("reproduces PyTorch's float32 test vector", () => {
      const { json, weights } = load(id);
      const v = json.testVector;
      const expected = (id.startsWith('fm-') ? v.velocity : (v.eps ?? v.output)) ?? [];
      expect(expected).toHaveLength(v.x.length);
      const arch = json.architecture as unknown as Mlp2dArchitecture;
      const out = mlp2dForward(weights, arch, tf.tensor2d(v.x), tf.tensor1d(v.t)).arraySync();
      let maxErr = 0;
      for (let i = 0; i < expected.length; i++) {
        for (let j = 0; j < 2; j++) maxErr = Math.max(maxErr, Math.abs(out[i][j] - expected[i][j]));
      }
      console.log(
        `${id}: max |tfjs − PyTorch| = ${maxErr.toExponential(2)} over ${expected.length * 2} outputs`,
      );
      expect(maxErr).toBeLessThan(1e-4);
      tf.dispose(Object.values(weights));
    });

    it('at one scalar time for the whole batch (the time path run once) agrees row by row', () => {
      const { json, weights } = load(id);
      const v = json.testVector;
      const expected = (id.startsWith('fm-') ? v.velocity : (v.eps ?? v.output)) ?? [];
      const arch = json.architecture as unknown as Mlp2dArchitecture;
      const x = tf.tensor2d(v.x);
      let maxErr = 0;
      // Row i of the batch evaluated at its own t_i, every other row at the same t_i.
      v.t.forEach((t, i) => {
        const row = tf.tidy(() => mlp2dForward(weights, arch, x, t).arraySync()[i]);
        for (let j = 0; j < 2; j++) maxErr = Math.max(maxErr, Math.abs(row[j] - expected[i][j]));
      });
      expect(maxErr).toBeLessThan(1e-4);
      tf.dispose([x, ...Object.values(weights)]);
    });
  },
);
