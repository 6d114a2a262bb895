import type { SequenceSet } from '../exact';

/**
 * Names as fixed-length token sequences: a–z are 0..25, END (26) pads after the name, MASK
 * (27) is the absorbing process's mask. K = 27 without the mask, 28 with it.
 */
export const NAME_LETTERS = 'abcdefghijklmnopqrstuvwxyz';
export const NAME_END = 26;
export const NAME_MASK = 27;
export const NAME_TOKENS = 27;
export const NAME_TOKENS_WITH_MASK = 28;

/** Lower case, accents stripped (NFD), everything outside a–z dropped. */
export function normaliseName(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** The tokens of a name of a–z only, padded with END to length L. */
export function encodeName(name: string, L: number): Int32Array {
  if (name.length === 0 || name.length > L) {
    throw new Error(`encodeName: "${name.slice(0, 40)}" must have 1..${L} letters`);
  }
  const out = new Int32Array(L).fill(NAME_END);
  for (let i = 0; i < name.length; i++) {
    const c = NAME_LETTERS.indexOf(name[i]);
    if (c < 0) throw new Error(`encodeName: "${name[i]}" in "${name.slice(0, 40)}" is not a–z`);
    out[i] = c;
  }
  return out;
}

/** The letters before the first END; masks show as `maskChar`, letters after an END are dropped. */
export function decodeName(tokens: ArrayLike<number>, maskChar = '_'): string {
  let s = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === NAME_END) break;
    s += t === NAME_MASK ? maskChar : (NAME_LETTERS[t] ?? '?');
  }
  return s;
}

/**
 * A training set of names: normalised, empty and longer-than-L names skipped (counted),
 * duplicates merged into weights.
 */
export function encodeNames(
  raw: readonly string[],
  L: number,
): SequenceSet & { weights: Float64Array; names: string[]; skipped: number } {
  const counts = new Map<string, number>();
  let skipped = 0;
  for (const r of raw) {
    const name = normaliseName(r);
    if (name.length === 0 || name.length > L) skipped++;
    else counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const names = [...counts.keys()];
  const tokens = new Int32Array(names.length * L);
  names.forEach((name, j) => tokens.set(encodeName(name, L), j * L));
  return {
    L,
    tokens,
    weights: Float64Array.from(names.map((n) => counts.get(n)!)),
    names,
    skipped,
  };
}

/** public/data/names.json, parsed (core does not fetch): the fixed train/held-out split. */
export interface NamesFile {
  source: string;
  licence: string;
  maxLength: number;
  train: string[];
  heldOut: string[];
}

/** Checks a parsed names.json: every name 1..maxLength letters a–z, the two splits disjoint. */
export function namesFromJson(json: unknown): NamesFile {
  const f = json as Partial<NamesFile>;
  const { maxLength, train, heldOut } = f;
  if (typeof f.source !== 'string' || typeof f.licence !== 'string') {
    throw new Error('names.json: needs "source" and "licence" strings');
  }
  if (!Number.isInteger(maxLength) || !Array.isArray(train) || !Array.isArray(heldOut)) {
    throw new Error('names.json: needs "maxLength", "train" and "heldOut"');
  }
  const seen = new Set<string>();
  for (const name of [...train, ...heldOut]) {
    if (typeof name !== 'string' || !new RegExp(`^[a-z]{1,${maxLength}}$`).test(name)) {
      throw new Error(
        `names.json: "${String(name).slice(0, 40)}" is not 1..${maxLength} letters a–z`,
      );
    }
    if (seen.has(name)) throw new Error(`names.json: "${name}" appears twice`);
    seen.add(name);
  }
  return { source: f.source, licence: f.licence, maxLength: maxLength!, train, heldOut };
}

/** A well-formed name: at least one letter, then only END (no mask, no letter after an END). */
export function isValidName(tokens: ArrayLike<number>): boolean {
  let ended = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === NAME_END) ended = true;
    else if (t === NAME_MASK || ended || !(t >= 0 && t < NAME_END)) return false;
  }
  return tokens.length > 0 && tokens[0] !== NAME_END;
}
