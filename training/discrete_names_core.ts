/**
 * The names figures through the app's own code: 256 samples of the shipped mdlm-names (tfjs cpu,
 * src/models/discreteDenoiser.ts) with core's mdlm-ancestral sampler (32 steps, T = 1000, cache
 * off, seeds 0..255, one sample each); prints the valid and novel counts and writes them into the
 * model's figures (`coreSampling`). Usage (repository root): npx tsx training/discrete_names_core.ts
 */
import '@tensorflow/tfjs-backend-cpu';
import { readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import {
  absorbingProcess,
  decodeName,
  logLinearSchedule,
  mdlmAncestral,
  NAME_END,
  NAME_MASK,
  NAME_TOKENS_WITH_MASK,
  namesFromJson,
  runDiscrete,
  timestepGrid,
} from '../src/core/discrete';
import { uniformAt } from '../src/core/rng';
import { transformerDenoiser } from '../src/models/discreteDenoiser';
import { MODELS_DIR, readShippedModel } from '../src/models/shippedModels.testkit';
import type { TransformerArchitecture } from '../src/models/transformer';

const T = 1000;
const STEPS = 32;
const SAMPLES = 256;

await tf.setBackend('cpu');
const { json, weights } = readShippedModel('mdlm-names');
const arch = (json as unknown as { architecture: TransformerArchitecture }).architecture;
const data = namesFromJson(
  JSON.parse(readFileSync(new URL('../public/data/names.json', import.meta.url), 'utf8')),
);
const train = new Set(data.train);
const proc = absorbingProcess(NAME_TOKENS_WITH_MASK, logLinearSchedule(T), NAME_MASK);
const denoise = transformerDenoiser(weights, arch, { T });
const grid = { timesteps: timestepGrid(T, STEPS) };
const params = { ...mdlmAncestral.defaults, cache: false };
const names: (string | null)[] = [];
for (let seed = 0; seed < SAMPLES; seed++) {
  const ctx = { process: proc, denoise, uniform: (k: number, c: number) => uniformAt(seed, k, c) };
  const { x } = runDiscrete(mdlmAncestral, ctx, grid, params, new Int32Array(12).fill(NAME_MASK));
  const name = decodeName(x);
  const valid =
    name.length > 0 && !x.includes(NAME_MASK) && x.slice(name.length).every((t) => t === NAME_END);
  names.push(valid ? name : null);
}
const valid = names.filter((n): n is string => n !== null);
const result = {
  sampler: 'core mdlm-ancestral (cache off) on the tfjs model',
  steps: STEPS,
  seeds: `0..${SAMPLES - 1}`,
  samples: SAMPLES,
  valid: valid.length,
  novel: valid.filter((n) => !train.has(n)).length,
  examples: names.slice(0, 24),
};
console.log(result);
const path = `${MODELS_DIR}mdlm-names/model.json`;
const full = JSON.parse(readFileSync(path, 'utf8'));
full.figures.coreSampling = result;
writeFileSync(path, JSON.stringify(full));
