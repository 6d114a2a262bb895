import { float64Ops, type ArrayOps } from './ops';

/**
 * What reading an array back gives: the values at once where they live on this thread, or a
 * promise of them where a device holds them (a GPU backend reads back asynchronously).
 */
export type ReadBack = ArrayLike<number> | Promise<ArrayLike<number>>;

/**
 * How code that runs samplers touches its arrays: the ops, conversion from and back to plain
 * numbers, and memory care (no-ops for Float64Array, which the garbage collector frees). `R` is
 * what `read` gives; generic code that may meet either kind awaits it.
 */
export interface ArrayHost<T, R extends ReadBack = ReadBack> {
  ops: ArrayOps<T>;
  fromFloat64(x: Float64Array): T;
  read(x: T): R;
  /** Runs `fn` so that every temporary it makes is freed except the arrays `keep` names. */
  scoped<V>(fn: () => V, keep: (v: V) => T[]): V;
  release(arrays: Iterable<T>): void;
}

/** Exact models in float64: arrays are plain Float64Arrays, read as they are. */
export const float64Host: ArrayHost<Float64Array, Float64Array> = {
  ops: float64Ops,
  fromFloat64: (x) => x,
  read: (x) => x,
  scoped: (fn) => fn(),
  release: () => {},
};
