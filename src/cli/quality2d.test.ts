import { describe, expect, it } from 'vitest';
import { sampleDataset } from '../core/data/index';
import { slicedWasserstein1 } from '../core/metrics/index';
import { runCliJson } from './cli.testkit';

/**
 * The trained 2D models' quality rule, through the CLI on
 * tfjs's wasm backend: sliced W1 (256 directions) from 5,000 samples of 50 sampler steps to a
 * data sample is at most twice the distance between two independent data samples of that size.
 * The diffusion MLP runs DPM-Solver++(2M) on its own DDPM timesteps; the flow-matching MLPs run
 * Euler on the rectified flow (time-uniform grid). Every model's figures (three repeats) are in
 * its card (training/cli_quality_2d.ts); this test checks one of each kind once.
 */
const N = 5000;

const CASES: [model: string, dataset: string, flags: string[]][] = [
  ['mlp', 'moons', ['--process', 'vp-discrete', '--sampler', 'dpmpp-2m']],
  ['fm', 'checkerboard', ['--process', 'flow', '--grid', 'time-uniform', '--sampler', 'euler']],
];

describe('trained 2D models sample their data (CLI, sliced W1)', () => {
  it.each(CASES)('%s-%s', { timeout: 120_000 }, async (model, dataset, flags) => {
    const out = await runCliJson(
      'sample',
      '--dataset',
      dataset,
      '--model',
      model,
      ...flags,
      '--steps',
      '50',
      '--n',
      String(N),
      '--seed',
      '0',
    );
    expect(out.settings.modelId).toBe(`${model}-${dataset}`);
    const samples = Float64Array.from((out.samples as number[][]).flat());
    const data = sampleDataset(dataset, N, 2);
    const other = sampleDataset(dataset, N, 3);
    const options = { projections: 256, seed: 0 };
    const sw = slicedWasserstein1(samples, data, options);
    const reference = slicedWasserstein1(other, data, options);
    console.log(
      `${model}-${dataset}: SW1 model→data ${sw.toFixed(4)}, data→data ${reference.toFixed(4)}`,
    );
    expect(sw).toBeLessThanOrEqual(2 * reference);
  });
});
