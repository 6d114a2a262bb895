import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { mlp2dForward, type Mlp2dArchitecture } from './mlp2d';
import { maxAbsDiff, readShippedModel, requireShippedModels } from './shippedModels.testkit';

/**
 * The sampling path (one scalar t for the batch) on tfjs-wasm, the backend most visitors run:
 * its kernels differ from the cpu backend's (XNNPACK matmuls; its OneHot writes int32 whatever
 * dtype is asked), so PyTorch's test vectors are checked here too.
 */
const MODELS = ['mlp-moons', 'fm-swissroll', 'mlp-digits-latent2d', 'mlp-fashion-latent16d'];

interface Vector {
  x: number[][];
  t: number[];
  y?: number[];
  eps?: number[][];
  velocity?: number[][];
}

beforeAll(async () => {
  const dist = dirname(
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json'),
  );
  setWasmPaths(`${dist}/dist/`);
  expect(await tf.setBackend('wasm')).toBe(true);
  requireShippedModels(MODELS);
});

describe.each(MODELS)('%s on tfjs-wasm', (id) => {
  it("at one scalar t for the whole batch, reproduces PyTorch's test vector row by row", () => {
    const { json, weights } = readShippedModel(id);
    const arch = (json as unknown as { architecture: Mlp2dArchitecture }).architecture;
    const v = (json as unknown as { testVector: Vector }).testVector;
    const expected = v.eps ?? v.velocity ?? [];
    const x = tf.tensor2d(v.x);
    const labels = v.y ? tf.tensor1d(v.y, 'int32') : undefined;
    // Row i of the batch at its own t_i, every other row (and label) at the same t_i.
    const rows = v.t.map((t, i) =>
      tf.tidy(() => mlp2dForward(weights, arch, x, t, undefined, labels).arraySync()[i]),
    );
    expect(maxAbsDiff(Float32Array.from(rows.flat()), expected.flat())).toBeLessThan(1e-4);
    tf.dispose([x, ...(labels ? [labels] : []), ...Object.values(weights)]);
  });
});
