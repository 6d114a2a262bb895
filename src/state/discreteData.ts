import { DISCRETE_DATA, type DiscreteDataId } from '../core/discrete/datasets';
import { digitsFromJson } from '../core/discrete/data/digits';
import { encodeName, isValidName, namesFromJson } from '../core/discrete/data/names';
import type { SequenceSet } from '../core/discrete/exact';
import { trainingKeys } from '../core/discrete/memorisation';

/** A discrete data set as the page holds it: both splits as tokens, and the training keys. */
export interface DiscreteData {
  dataset: DiscreteDataId;
  train: SequenceSet & { labels?: Int32Array };
  heldOut: SequenceSet & { labels?: Int32Array };
  trainKeys: Set<string>;
  /** Whether a generated sequence is well formed (names: letters then END; digits: no mask). */
  isValid(tokens: Int32Array): boolean;
  source: string;
  licence: string;
}

function tokensOf(names: readonly string[], L: number): SequenceSet {
  const tokens = new Int32Array(names.length * L);
  names.forEach((n, j) => tokens.set(encodeName(n, L), j * L));
  return { L, tokens };
}

/** The parsed data file of a data set (public/data/names.json or digits8x8.json). */
export function discreteDataFromJson(dataset: DiscreteDataId, json: unknown): DiscreteData {
  const { L, levels } = DISCRETE_DATA[dataset];
  if (dataset === 'names') {
    const file = namesFromJson(json);
    const train = tokensOf(file.train, L);
    return {
      dataset,
      train,
      heldOut: tokensOf(file.heldOut, L),
      trainKeys: trainingKeys(train),
      isValid: isValidName,
      source: file.source,
      licence: file.licence,
    };
  }
  const file = digitsFromJson(json);
  return {
    dataset,
    train: file.train,
    heldOut: file.test,
    trainKeys: trainingKeys(file.train),
    isValid: (tokens) => tokens.every((t) => t >= 0 && t < levels),
    source: file.source,
    licence: file.licence,
  };
}
