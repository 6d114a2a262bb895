import type { SequenceSet } from './exact';

/** How many generated sequences are well formed, and how many of those are training sequences. */
export interface SampleShares {
  count: number;
  valid: number;
  /** Valid and equal, token for token, to a training sequence. */
  inTraining: number;
  /** Valid and not in the training set. */
  novel: number;
}

const key = (tokens: ArrayLike<number>) => Array.prototype.join.call(tokens, ',');

/** The training sequences as a set of keys, for `sampleShares`. */
export function trainingKeys(data: SequenceSet): Set<string> {
  const keys = new Set<string>();
  for (let j = 0; j < data.tokens.length; j += data.L) {
    keys.add(key(data.tokens.subarray(j, j + data.L)));
  }
  return keys;
}

/** Memorisation: the shares of `samples` (count × L) that are valid, in the training set, novel. */
export function sampleShares(
  samples: Int32Array,
  L: number,
  training: Set<string>,
  isValid: (tokens: Int32Array) => boolean,
): SampleShares {
  const shares = { count: 0, valid: 0, inTraining: 0, novel: 0 };
  for (let j = 0; j + L <= samples.length; j += L) {
    const seq = samples.subarray(j, j + L);
    shares.count++;
    if (!isValid(seq)) continue;
    shares.valid++;
    if (training.has(key(seq))) shares.inTraining++;
    else shares.novel++;
  }
  return shares;
}
