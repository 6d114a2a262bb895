import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleVmfMixture, VMF_MIXTURE } from '../core/data/manifoldData';
import { reverseLanes } from '../core/manifold/lanes';
import { MANIFOLDS } from '../core/manifold/manifolds';
import { runToEnd } from '../core/samplers/driver';
import type { LoadedModel } from './loader';
import type { ModelEntry, ModelJson } from './manifest';
import {
  manifoldNetworkField,
  manifoldNetworkInfo,
  manifoldNetworkOutput,
  networkTime,
} from './manifoldMlp';
import { mlp2dWeightShapes, type Mlp2dArchitecture } from './mlp2d';

const MODELS = join(__dirname, '..', '..', 'public', 'models');
const IDS = ['cities', 'vmf', 'wrapped', 'dihedral'].flatMap((d) => [`rsgm-${d}`, `rfm-${d}`]);

interface TestVector {
  x: number[][];
  t: number[];
  field: number[][];
}

function load(id: string): LoadedModel & { modelJson: { testVector: TestVector } } {
  const modelJson = JSON.parse(
    readFileSync(join(MODELS, id, 'model.json'), 'utf8'),
  ) as ModelJson & {
    testVector: TestVector;
  };
  const bin = readFileSync(join(MODELS, id, 'weights.bin'));
  const buffer = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  const weights = tf.io.decodeWeights(
    buffer,
    modelJson.weightsManifest.flatMap((g) => g.weights),
  );
  return { entry: { id } as ModelEntry, modelJson, weights };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(IDS)('%s', (id) => {
  it('declares the tensors its architecture needs', () => {
    const { modelJson } = load(id);
    const declared = Object.fromEntries(
      modelJson.weightsManifest[0].weights.map((w) => [w.name, w.shape]),
    );
    expect(declared).toEqual(
      mlp2dWeightShapes(modelJson.architecture as unknown as Mlp2dArchitecture),
    );
  });

  it("reproduces PyTorch's float32 tangent outputs to 1e-5", () => {
    const model = load(id);
    const info = manifoldNetworkInfo(id, model.modelJson);
    const v = model.modelJson.testVector;
    let worst = 0;
    v.x.forEach((x, i) => {
      const out = manifoldNetworkOutput(model, info, Float64Array.from(x), v.t[i]);
      out.forEach((o, d) => (worst = Math.max(worst, Math.abs(o - v.field[i][d]))));
    });
    console.log(`${id}: max |tfjs − PyTorch| = ${worst.toExponential(2)}`);
    expect(worst).toBeLessThanOrEqual(1e-5);
    tf.dispose(Object.values(model.weights));
  });
});

describe('manifoldNetworkField', () => {
  it('is the score network over √τ (tangent on S²), the velocity network as it is', () => {
    const score = load('rsgm-vmf');
    const fm = load('rfm-vmf');
    const xs = sampleVmfMixture(VMF_MIXTURE, 5, 3);
    for (const [model, t, scale] of [
      [score, 0.04, 1 / 0.2],
      [fm, 0.4, 1],
    ] as const) {
      const info = manifoldNetworkInfo(model.entry.id, model.modelJson);
      const out = new Float64Array(xs.length);
      manifoldNetworkField(model)(xs, t, out);
      const raw = manifoldNetworkOutput(model, info, xs, t);
      out.forEach((o, k) => expect(o).toBeCloseTo(scale * raw[k], 10));
      for (let o = 0; o < xs.length; o += 3)
        expect(
          Math.abs(xs[o] * out[o] + xs[o + 1] * out[o + 1] + xs[o + 2] * out[o + 2]),
        ).toBeLessThan(1e-12);
    }
  });

  it('maps τ ∈ [τ_min, τ_max] and t ∈ [0, 1] onto the time input [0, 1000]', () => {
    const info = { manifold: 'sphere', output: 'score', tauMin: 1e-4, tauMax: 6 } as const;
    expect(networkTime(info, 1e-4)).toBe(0);
    expect(networkTime(info, 6)).toBeCloseTo(1000, 10);
    expect(networkTime({ ...info, output: 'velocity' }, 0.25)).toBe(250);
  });

  it('refuses a model.json without a manifold block, naming the model', () => {
    const { modelJson } = load('rfm-wrapped');
    expect(() => manifoldNetworkInfo('x', { ...modelJson, manifold: undefined })).toThrow(
      'model "x": model.json names no manifold (sphere or torus)',
    );
    expect(() =>
      manifoldNetworkInfo('x', { ...modelJson, architecture: { kind: 'mlp2d' } }),
    ).toThrow('model "x": model.json is not a manifold network');
  });
});

describe('the networks driving the samplers in tfjs', () => {
  it.each([
    ['sphere', 'vmf'],
    ['torus', 'dihedral'],
  ] as const)('keep every point of the %s lanes on the manifold to 1e-5', (id, data) => {
    const m = MANIFOLDS[id];
    const score = load(`rsgm-${data}`);
    const velocity = load(`rfm-${data}`);
    const models = { score: manifoldNetworkField(score), velocity: manifoldNetworkField(velocity) };
    const points = id === 'sphere' ? sampleVmfMixture(VMF_MIXTURE, 50, 1) : new Float64Array(100);
    const lanes = reverseLanes(m, points, models, {
      steps: 12,
      particles: 64,
      seed: 3,
      heun: true,
    });
    for (const lane of lanes.slice(0, 3)) {
      const x = runToEnd(lane.run).x;
      expect(x.every(Number.isFinite)).toBe(true);
      expect(m.offManifold(x), lane.id).toBeLessThan(1e-5);
    }
  });
});
