import type { Dataset } from './types';
import { gaussians25, gaussians8 } from './mixtures';
import { checkerboard, moons, rings, spiral, swissroll } from './shapes';
import { pinwheel, smiley } from './figures';
import { dino } from './dino';

export type { Dataset } from './types';
export { sampleMixture } from './mixtures';

/** Every 2D toy data set, in menu order. */
export const DATASETS: readonly Dataset[] = [
  swissroll,
  moons,
  gaussians8,
  gaussians25,
  checkerboard,
  rings,
  spiral,
  pinwheel,
  smiley,
  dino,
];

export const DATASET_IDS: readonly string[] = DATASETS.map((d) => d.id);

export function getDataset(id: string): Dataset {
  const found = DATASETS.find((d) => d.id === id);
  if (!found) throw new Error(`unknown data set "${id}"; valid ids: ${DATASET_IDS.join(', ')}`);
  return found;
}

/** n points of data set `id`, flat [x0, y0, x1, y1, …], reproducible from `seed`. */
export function sampleDataset(id: string, n: number, seed: number): Float64Array {
  return getDataset(id).sample(n, seed);
}
