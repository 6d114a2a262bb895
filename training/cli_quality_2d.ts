/**
 * The 2D quality rule through the CLI: for each trained 2D model `<kind>-<dataset>`, 5,000 samples of
 * 50 sampler steps from `diffusion-playground sample` (TypeScript samplers, tfjs wasm) against
 * sampleDataset(dataset, 5000, 100 + seed), next to sampleDataset(dataset, 5000, 200 + seed) against
 * the same block, sliced W1 over 256 directions, seeds 0, 1, 2. Writes the figures to the model.json's
 * `cliEvaluation` (rebuild the manifest afterwards) and prints one line per model.
 *
 *   npx tsx training/cli_quality_2d.ts fm [dataset ...]      (default: every data set)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { DATASET_IDS, sampleDataset } from '../src/core/data/index';
import { slicedWasserstein1 } from '../src/core/metrics/index';
import { sampleCommand } from '../src/cli/sample';
import { DEFAULT_MODELS_DIR } from '../src/cli/modelFiles';

const SAMPLER_FLAGS: Record<string, string[]> = {
  fm: ['--process', 'flow', '--grid', 'time-uniform', '--sampler', 'euler', '--steps', '50'],
  mlp: ['--process', 'vp-discrete', '--sampler', 'dpmpp-2m', '--steps', '50'],
};
const SEEDS = [0, 1, 2];
const N = 5000;
const OPTIONS = { projections: 256, seed: 0 };

const [kind = 'fm', ...rest] = process.argv.slice(2);
const flags = SAMPLER_FLAGS[kind];
if (!flags) throw new Error(`kind must be one of ${Object.keys(SAMPLER_FLAGS).join(', ')}`);
const backend = 'wasm';
for (const dataset of rest.length ? rest : DATASET_IDS) {
  const sw1ModelToData: number[] = [];
  const sw1DataToData: number[] = [];
  const args = [
    '--dataset',
    dataset,
    '--model',
    kind,
    ...flags,
    '--n',
    String(N),
    '--backend',
    backend,
  ];
  for (const seed of SEEDS) {
    const out = await sampleCommand([...args, '--seed', String(seed)]);
    const samples = Float64Array.from((out.samples as number[][]).flat());
    const data = sampleDataset(dataset, N, 100 + seed);
    sw1ModelToData.push(slicedWasserstein1(samples, data, OPTIONS));
    sw1DataToData.push(slicedWasserstein1(sampleDataset(dataset, N, 200 + seed), data, OPTIONS));
  }
  const path = `${DEFAULT_MODELS_DIR}${kind}-${dataset}/model.json`;
  const json = JSON.parse(readFileSync(path, 'utf8'));
  const round = (v: number) => Math.round(v * 1e5) / 1e5;
  json.cliEvaluation = {
    command: `npx diffusion-playground sample ${args.join(' ')} --seed SEED`,
    backend,
    seeds: SEEDS,
    points: N,
    projections: OPTIONS.projections,
    sw1ModelToData: sw1ModelToData.map(round),
    sw1DataToData: sw1DataToData.map(round),
  };
  writeFileSync(path, JSON.stringify(json, null, 1) + '\n');
  const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
  console.log(
    `${kind}-${dataset}: ratio ${(sum(sw1ModelToData) / sum(sw1DataToData)).toFixed(2)}  model ${sw1ModelToData.map((v) => v.toFixed(4)).join(' ')}  data ${sw1DataToData.map((v) => v.toFixed(4)).join(' ')}`,
  );
}
