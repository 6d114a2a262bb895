import { DIGIT_LEVELS, DIGIT_PIXELS, digitsFromJson } from './data/digits';
import { encodeNames, NAME_TOKENS, namesFromJson } from './data/names';
import type { SequenceSet } from './exact';
import { absorbingProcess, type CategoricalProcess } from './process';
import { logLinearSchedule } from './schedules';

/** The steps of the process that the exact models and the shipped MDLM networks share. */
export const DISCRETE_T = 1000;

/** The discrete data sets of the app and the CLI: sequences of length L over `levels` tokens. */
export const DISCRETE_DATA = {
  names: {
    L: 12,
    levels: NAME_TOKENS,
    classes: 0,
    /** Under public/data/. */
    file: 'names.json',
    /** The `dataset` of its networks in public/models/manifest.json. */
    manifestDataset: 'names',
  },
  digits: {
    L: DIGIT_PIXELS,
    levels: DIGIT_LEVELS,
    classes: 10,
    file: 'digits8x8.json',
    manifestDataset: 'digits8x8',
  },
} as const;
export type DiscreteDataId = keyof typeof DISCRETE_DATA;

/**
 * The process of the exact models and the shipped networks: absorbing with the mask as token
 * `levels`, MDLM's log-linear schedule ᾱ(t) = 1 − t/T (Sahoo et al. 2024, §3.1).
 */
export function discreteDataProcess(dataset: DiscreteDataId): CategoricalProcess {
  const { levels } = DISCRETE_DATA[dataset];
  return absorbingProcess(levels + 1, logLinearSchedule(DISCRETE_T), levels);
}

/** A data set's training split; digits carry their labels, names their strings. */
export type DiscreteTrainingSet = SequenceSet & { labels?: Int32Array; names?: string[] };

/** The training split of a parsed data file (public/data/<file>). */
export function discreteTrainingSet(dataset: DiscreteDataId, json: unknown): DiscreteTrainingSet {
  return dataset === 'names'
    ? encodeNames(namesFromJson(json).train, DISCRETE_DATA.names.L)
    : digitsFromJson(json).train;
}

/** The training sequences of one class (digits): the exact model of that class. */
export function ofClass(data: DiscreteTrainingSet, classId: number): SequenceSet {
  const { L, tokens, labels } = data;
  const rows = [...(labels ?? [])].flatMap((y, j) => (y === classId ? [j] : []));
  const out = new Int32Array(rows.length * L);
  rows.forEach((j, r) => out.set(tokens.subarray(j * L, j * L + L), r * L));
  return { L, tokens: out };
}
