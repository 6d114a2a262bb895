import type { SequenceSet } from '../exact';

/** The UCI 8×8 digits as token sequences: 64 pixels, 17 grey levels 0..16, with labels. */
export const DIGIT_LEVELS = 17;
export const DIGIT_PIXELS = 64;

export interface DigitTokens extends SequenceSet {
  labels: Int32Array;
}

/**
 * Tokens from parsed arrays (core does not fetch): `images` holds 64 grey levels per image
 * (row-major 8×8, integers 0..16, as sklearn's load_digits and UCI optdigits give them), either
 * one array per image or all of them flat.
 */
export function digitsFromArrays(
  images: ArrayLike<number> | readonly ArrayLike<number>[],
  labels: ArrayLike<number>,
): DigitTokens {
  const flat: ArrayLike<number>[] = Array.isArray(images)
    ? (images as readonly ArrayLike<number>[]).slice()
    : [images as ArrayLike<number>];
  const total = flat.reduce((n, a) => n + a.length, 0);
  const n = labels.length;
  if (total !== n * DIGIT_PIXELS) {
    throw new Error(`digits: ${total} pixels for ${n} labels (need ${DIGIT_PIXELS} per image)`);
  }
  const tokens = new Int32Array(total);
  let at = 0;
  for (const a of flat) {
    for (let i = 0; i < a.length; i++, at++) {
      const v = a[i];
      if (!Number.isInteger(v) || v < 0 || v >= DIGIT_LEVELS) {
        throw new Error(`digits: pixel ${at} is ${v}, not an integer grey level 0..16`);
      }
      tokens[at] = v;
    }
  }
  const out = Int32Array.from(labels);
  for (let j = 0; j < n; j++) {
    if (!(out[j] >= 0 && out[j] <= 9) || out[j] !== labels[j]) {
      throw new Error(`digits: label ${j} is ${labels[j]}, not 0..9`);
    }
  }
  return { L: DIGIT_PIXELS, tokens, labels: out };
}

/** UCI optdigits text (optdigits.tra / .tes): one image a line, 64 levels then the label. */
export function parseOptdigits(text: string): DigitTokens {
  const images: number[][] = [];
  const labels: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const values = line.split(',').map((v) => Number(v.trim()));
    if (values.length !== DIGIT_PIXELS + 1) {
      throw new Error(`optdigits line ${i + 1}: ${values.length} values, expected 65`);
    }
    images.push(values.slice(0, DIGIT_PIXELS));
    labels.push(values[DIGIT_PIXELS]);
  });
  return digitsFromArrays(images, labels);
}

/** public/data/digits8x8.json, parsed (core does not fetch), split as training/data.py splits it. */
export interface DigitsFile {
  source: string;
  licence: string;
  train: DigitTokens;
  test: DigitTokens;
}

/** The train and test tokens of a parsed digits8x8.json (`images`, `labels`, `testIndices`). */
export function digitsFromJson(json: unknown): DigitsFile {
  const f = json as {
    source?: unknown;
    licence?: unknown;
    images?: number[][];
    labels?: number[];
    testIndices?: number[];
  };
  const { images, labels, testIndices } = f;
  if (typeof f.source !== 'string' || typeof f.licence !== 'string') {
    throw new Error('digits8x8.json: needs "source" and "licence" strings');
  }
  if (!Array.isArray(images) || !Array.isArray(labels) || !Array.isArray(testIndices)) {
    throw new Error('digits8x8.json: needs "images", "labels" and "testIndices"');
  }
  const isTest = new Uint8Array(labels.length);
  for (const i of testIndices) {
    if (!Number.isInteger(i) || i < 0 || i >= labels.length || isTest[i]) {
      throw new Error(`digits8x8.json: test index ${i} is out of range or repeated`);
    }
    isTest[i] = 1;
  }
  const part = (test: number) => {
    const idx = labels.map((_, i) => i).filter((i) => isTest[i] === test);
    return digitsFromArrays(
      idx.map((i) => images[i]),
      idx.map((i) => labels[i]),
    );
  };
  return { source: f.source, licence: f.licence, train: part(0), test: part(1) };
}
