import { absorbingProcess, type CategoricalProcess } from './process';
import { logLinearSchedule } from './schedules';

/** Steps T of the process the exact model and the shipped networks share. */
export const DISCRETE_T = 1000;

/** The discrete data sets: sequences of length L over `levels` data tokens (the mask is `levels`). */
export const DISCRETE_DATASETS = {
  names: {
    title: 'First names, a–z padded with END (public/data/names.json)',
    file: 'names.json',
    L: 12,
    levels: 27,
    classes: 0,
    /** The `dataset` of its networks in public/models/manifest.json. */
    manifestDataset: 'names',
  },
  digits: {
    title: 'UCI 8×8 digits, 17 grey levels 0..16 (public/data/digits8x8.json)',
    file: 'digits8x8.json',
    L: 64,
    levels: 17,
    classes: 10,
    manifestDataset: 'digits8x8',
  },
} as const;
export type DiscreteDatasetId = keyof typeof DISCRETE_DATASETS;
export const DISCRETE_DATASET_IDS = Object.keys(DISCRETE_DATASETS) as DiscreteDatasetId[];

/** The sampling process of a data set: absorbing, MDLM's log-linear schedule over T steps. */
export function datasetProcess(dataset: DiscreteDatasetId): CategoricalProcess {
  const { levels } = DISCRETE_DATASETS[dataset];
  return absorbingProcess(levels + 1, logLinearSchedule(DISCRETE_T), levels);
}
