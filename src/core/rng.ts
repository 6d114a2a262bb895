/**
 * Seeded, counter-based standard-normal streams. Element i of stream `key` under `seed`
 * depends only on (seed, key, i): the same x_T and the same per-step noise for every
 * sampler, particle count and backend. Uniforms come from a 32-bit integer hash of the
 * counter (murmur3's finaliser, chained); normals from the Box–Muller transform of a pair.
 */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The part of the hash that depends on the stream (seed, key) only. */
function streamHash(seed: number, key: number): number {
  const h = fmix32((seed >>> 0) ^ 0x9e3779b9);
  return fmix32(h ^ Math.imul(key >>> 0, 0x85ebca6b) ^ 0x27d4eb2f);
}

/** A uniform in (0, 1), never 0 (safe for log), at `counter` of the stream hashed to `stream`. */
function uniformOf(stream: number, counter: number): number {
  const h = fmix32(stream ^ Math.imul(counter >>> 0, 0xcc9e2d51) ^ (counter / 0x100000000));
  return (h + 0.5) / 0x100000000;
}

/** A uniform in (0, 1), never 0 (safe for log). */
export function uniformAt(seed: number, key: number, counter: number): number {
  return uniformOf(streamHash(seed, key), counter);
}

/** n standard normals of stream `key`, written into `out` (allocated when absent). */
export function normals(
  seed: number,
  key: number,
  n: number,
  out = new Float64Array(n),
): Float64Array {
  const stream = streamHash(seed, key);
  for (let i = 0; i < n; i += 2) {
    const pair = i >>> 1;
    const u1 = uniformOf(stream, 2 * pair);
    const u2 = uniformOf(stream, 2 * pair + 1);
    const r = Math.sqrt(-2 * Math.log(u1));
    out[i] = r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < n) out[i + 1] = r * Math.sin(2 * Math.PI * u2);
  }
  return out;
}

/** Stream keys: 0 is x_T; a sampler's step i draws from noiseKey(i, sub) for sub in 0..7. */
export const INITIAL_NOISE_KEY = 0;
export function noiseKey(step: number, sub = 0): number {
  if (sub < 0 || sub > 7) throw new Error(`noiseKey: sub-stream ${sub} outside 0..7`);
  return 1 + step * 8 + sub;
}

/**
 * Keys of an adaptive SDE solver, which draws fresh noise for every attempt (accepted or
 * not) within grid step `step`: a range of 2^16 attempts per step above 2^31, apart from
 * noiseKey's (which reaches 2^31 only past 2^28 steps).
 */
export function attemptNoiseKey(step: number, attempt: number): number {
  if (!(attempt >= 0 && attempt < 0x10000 && step >= 0 && step < 0x8000))
    throw new Error(`attemptNoiseKey: step ${step} or attempt ${attempt} out of range`);
  return 0x80000000 + step * 0x10000 + attempt;
}
