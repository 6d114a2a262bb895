/**
 * Dump every 2D toy data set from the app's own generators to training/.cache/, so the
 * Python trainer (training/train_mlp2d.py) fits exactly the distribution the app samples.
 *
 *   npx tsx scripts/export-datasets.ts
 *
 * Writes <id>-train.json (50,000 points, seed 1) and <id>-test.json (50,000 points,
 * seed 2, held out for the sliced-Wasserstein check: ten blocks of 5,000), each { id, n, seed, points } with
 * points flat [x0, y0, x1, y1, …].
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATASET_IDS, sampleDataset } from '../src/core/data/index.ts';

const SPLITS = [
  { split: 'train', n: 50_000, seed: 1 },
  { split: 'test', n: 50_000, seed: 2 },
] as const;

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'training', '.cache');
mkdirSync(outDir, { recursive: true });

for (const id of DATASET_IDS) {
  for (const { split, n, seed } of SPLITS) {
    const points = Array.from(sampleDataset(id, n, seed), (v) => Math.round(v * 1e6) / 1e6);
    writeFileSync(join(outDir, `${id}-${split}.json`), JSON.stringify({ id, n, seed, points }));
  }
  console.log(`${id}: train ${SPLITS[0].n}, test ${SPLITS[1].n}`);
}
