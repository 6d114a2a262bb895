/** Pure helpers for drawing particle trails; no DOM. */

/** Every k-th particle gets a trail, so that at most `maxTrails` of `n` particles do. */
export function trailStride(n: number, maxTrails: number): number {
  if (n <= 0) return 1;
  return Math.max(1, Math.ceil(n / Math.max(1, maxTrails)));
}

/**
 * Opacity of the trail segment `age` frames old (0 = the segment ending at the current frame)
 * out of `count` segments: linear fade from `maxAlpha` to 0 just past the oldest one.
 */
export function trailAlpha(age: number, count: number, maxAlpha = 0.6): number {
  if (count <= 0 || age < 0 || age >= count) return 0;
  return (maxAlpha * (count - age)) / count;
}

/** Frame j of the sequence trails[0], …, trails[K−1], current (oldest first), without copying. */
export function frameAt(
  trails: readonly Float32Array[],
  current: Float32Array,
  j: number,
): Float32Array {
  return j < trails.length ? trails[j] : current;
}
