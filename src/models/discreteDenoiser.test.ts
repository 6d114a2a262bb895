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
import { transformerDenoiser } from './discreteDenoiser';
import { readShippedModel, requireShippedModels } from './shippedModels.testkit';
import type { TransformerArchitecture } from './transformer';

const T = 1000;

function load(id: string) {
  const { json, weights } = readShippedModel(id);
  return {
    weights,
    arch: (json as unknown as { architecture: TransformerArchitecture }).architecture,
  };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  requireShippedModels(['mdlm-names', 'mdlm-digits']);
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
