import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  absorbingProcess,
  decodeName,
  logLinearSchedule,
  mdlmAncestral,
  NAME_END,
  NAME_MASK,
  NAME_TOKENS_WITH_MASK,
  runDiscrete,
  timestepGrid,
} from '../core/discrete';
import { uniformAt } from '../core/rng';
import {
  arNllNats,
  arNllNatsAsync,
  transformerBatch,
  transformerDenoiser,
} from './discreteDenoiser';
import { maxAbsDiff, readShippedModel, requireShippedModels } from './shippedModels.testkit';
import { transformerForward, type TransformerArchitecture } from './transformer';

const T = 1000;

interface TokenTestVector {
  tokens: number[];
  shape: [number, number];
  tau?: number[];
  labels?: number[];
  probs: number[];
}

function load(id: string) {
  const { json, weights } = readShippedModel(id);
  const j = json as unknown as {
    architecture: TransformerArchitecture;
    testVector: TokenTestVector;
  };
  return { weights, arch: j.architecture, vector: j.testVector };
}

/** B random sequences of length L over 0..K−1 (mask included). */
function randomTokens(seed: number, B: number, L: number, K: number): Int32Array {
  return Int32Array.from({ length: B * L }, (_, i) => Math.floor(uniformAt(seed, 0, i) * K));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  requireShippedModels(['mdlm-names', 'mdlm-digits', 'ar-names']);
});

describe('transformerDenoiser', () => {
  it('gives L×K probabilities over the data tokens, none on the mask', () => {
    const { weights, arch } = load('mdlm-digits');
    for (const guidance of [0, 2]) {
      const denoise = transformerDenoiser(weights, arch, { T, label: 4, guidance });
      const p = denoise(new Int32Array(64).fill(17), 700);
      expect(p).toHaveLength(64 * 18);
      for (let l = 0; l < 64; l++) {
        const row = p.subarray(l * 18, l * 18 + 18);
        expect(row.reduce((a, b) => a + b)).toBeCloseTo(1, 5);
        expect(row[17]).toBe(0);
      }
    }
    tf.dispose(Object.values(weights));
  });

  it('drives core mdlm-ancestral to complete names (32 steps)', () => {
    const { weights, arch } = load('mdlm-names');
    const proc = absorbingProcess(NAME_TOKENS_WITH_MASK, logLinearSchedule(T), NAME_MASK);
    const denoise = transformerDenoiser(weights, arch, { T });
    const grid = { timesteps: timestepGrid(T, 32) };
    const names: string[] = [];
    for (let seed = 0; seed < 8; seed++) {
      const ctx = {
        process: proc,
        denoise,
        uniform: (k: number, c: number) => uniformAt(seed, k, c),
      };
      const params = { ...mdlmAncestral.defaults, cache: false };
      const { x } = runDiscrete(
        mdlmAncestral,
        ctx,
        grid,
        params,
        new Int32Array(12).fill(NAME_MASK),
      );
      expect(x.includes(NAME_MASK)).toBe(false);
      const name = decodeName(x);
      if (name.length > 0 && x.slice(name.length).every((t) => t === NAME_END)) names.push(name);
    }
    console.log(`mdlm-names through core mdlm-ancestral: ${names.join(', ')}`);
    expect(names.length).toBeGreaterThanOrEqual(6);
    tf.dispose(Object.values(weights));
  });
});

describe('transformerBatch', () => {
  it("reproduces PyTorch's probabilities of the test vector, one time per row, to 1e-5", async () => {
    const { weights, arch, vector: v } = load('mdlm-names');
    const batch = transformerBatch(weights, arch, { T });
    const xs = Int32Array.from(v.tokens);
    const ts = v.tau!.map((tau) => tau * T);
    const K = arch.vocabIn;
    for (const p of [batch.denoise(xs, ts), await batch.denoiseAsync(xs, ts)]) {
      const dataColumns = [...p].filter((_, i) => i % K !== K - 1);
      expect(maxAbsDiff(dataColumns, v.probs)).toBeLessThan(1e-5);
    }
    tf.dispose(Object.values(weights));
  });

  it.each([
    ['mdlm-names', {}],
    ['mdlm-digits', { label: 3, guidance: 1.5 }],
  ] as const)('%s: each row of a batch equals that sequence alone to 1e-6', (id, o) => {
    const { weights, arch } = load(id);
    const { length: L, vocabIn: K } = arch;
    const B = 7;
    const xs = randomTokens(5, B, L, K);
    const before = tf.memory().numTensors;
    const batch = transformerBatch(weights, arch, { T, ...o }).denoise(xs, 430);
    const single = transformerDenoiser(weights, arch, { T, ...o });
    expect(tf.memory().numTensors).toBe(before);
    expect(batch).toHaveLength(B * L * K);
    for (let b = 0; b < B; b++) {
      const alone = single(xs.slice(b * L, b * L + L), 430);
      expect(maxAbsDiff(batch.subarray(b * L * K, (b + 1) * L * K), alone)).toBeLessThan(1e-6);
    }
    tf.dispose(Object.values(weights));
  });
});

describe('arNllNats', () => {
  it("equals −Σ log p of PyTorch's test-vector probabilities", async () => {
    const { weights, arch, vector: v } = load('ar-names');
    const { length: L, vocabOut: V } = arch;
    // The test vector's inputs are BOS then x_0 … x_{L−2}; x_{L−1} is END for all three.
    const x0s = new Int32Array(3 * L);
    const want: number[] = [];
    for (let b = 0; b < 3; b++) {
      for (let l = 0; l < L; l++) x0s[b * L + l] = l < L - 1 ? v.tokens[b * L + l + 1] : NAME_END;
      let nll = 0;
      for (let l = 0; l < L; l++) nll -= Math.log(v.probs[(b * L + l) * V + x0s[b * L + l]]);
      want.push(nll);
    }
    for (const got of [arNllNats(weights, arch, x0s), await arNllNatsAsync(weights, arch, x0s)])
      got.forEach((nll, b) => expect(Math.abs(nll - want[b])).toBeLessThan(1e-4));
    tf.dispose(Object.values(weights));
  });

  it('sums per-position log-probabilities of separate prefix forwards (causality), normalised', () => {
    const { weights, arch } = load('ar-names');
    const { length: L, vocabOut: V } = arch;
    const B = 4;
    const x0s = randomTokens(9, B, L, V);
    const nll = arNllNats(weights, arch, x0s);
    for (let b = 0; b < B; b++) {
      let want = 0;
      for (let l = 0; l < L; l++) {
        // Only the prefix x_<l is real: whatever follows it must not change p(x_l | x_<l).
        const input = randomTokens(100 + l, 1, L, V + 1);
        input[0] = V;
        input.set(x0s.subarray(b * L, b * L + l), 1);
        const p = tf.tidy(() =>
          tf
            .softmax(transformerForward(weights, arch, tf.tensor2d(input, [1, L], 'int32')))
            .dataSync(),
        ) as Float32Array;
        const row = p.subarray(l * V, l * V + V);
        expect(row.reduce((a, c) => a + c)).toBeCloseTo(1, 5);
        want -= Math.log(row[x0s[b * L + l]]);
      }
      expect(Math.abs(nll[b] - want)).toBeLessThan(1e-4);
    }
    tf.dispose(Object.values(weights));
  });
});
