import { DATASET_IDS, sampleDataset } from '../core/data';
import { DEFAULT_SCENE } from '../core/scene/settings';
import { Flags, parseFlags, UsageError } from './args';
import { SEED_MAX, toRows } from './format';

export const DATA_FLAGS = { dataset: 'string', n: 'int', seed: 'int', out: 'string' } as const;

/** n points of a data set, reproducible from the seed (core/data's sampleDataset). */
export function dataCommand(argv: readonly string[]): Record<string, unknown> {
  const f = new Flags(parseFlags(argv, DATA_FLAGS));
  const dataset = f.string('dataset', DEFAULT_SCENE.dataset);
  if (!DATASET_IDS.includes(dataset))
    throw new UsageError(`unknown data set "${dataset}"; known: ${DATASET_IDS.join(', ')}`);
  const n = f.number('n', 1000, 1, 1_000_000);
  const seed = f.number('seed', 0, 0, SEED_MAX);
  const t0 = performance.now();
  const points = sampleDataset(dataset, n, seed);
  return {
    command: 'data',
    settings: { dataset, n, seed },
    wallTimeMs: performance.now() - t0,
    samples: toRows(points, 2),
  };
}
