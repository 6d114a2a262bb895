/** Seeds are unsigned 32-bit integers (core/rng hashes them as such). */
export const SEED_MAX = 0xffffffff;

/** A flat array of n·dim numbers as n rows of dim plain numbers (JSON-friendly). */
export function toRows(flat: ArrayLike<number>, dim: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < flat.length; i += dim)
    rows.push(Array.from({ length: dim }, (_, k) => flat[i + k]));
  return rows;
}
