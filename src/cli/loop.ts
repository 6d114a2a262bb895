import { float64Ops, type ArrayOps } from '../core/ops';
import type { Denoiser, SamplerDef, SamplerParams, SamplingGrid } from '../core/samplers/types';

/** How the loop touches its arrays: reads and memory care (no-ops for Float64Array). */
export interface LoopHost<T> {
  ops: ArrayOps<T>;
  read(x: T): ArrayLike<number>;
  /** Runs one step so that every temporary it makes is freed except the arrays `keep` names. */
  scoped<R>(fn: () => R, keep: (r: R) => T[]): R;
  release(arrays: Iterable<T>): void;
}

export const float64Host: LoopHost<Float64Array> = {
  ops: float64Ops,
  read: (x) => x,
  scoped: (fn) => fn(),
  release: () => {},
};

export interface LoopSpec<T> {
  host: LoopHost<T>;
  sampler: SamplerDef;
  params: SamplerParams;
  grid: SamplingGrid;
  denoise: Denoiser<T>;
  noise: (key: number) => T;
  x: T;
  /** Called after step i with the state at sigmas[i + 1] and the step's x0 estimate. */
  onStep?: (i: number, x: T, x0: T) => void;
}

/**
 * The caller-owned loop over every step of the grid, in order (the worker's loop without
 * streaming or cancellation); arrays the run no longer holds are freed after each step.
 */
export function runSampler<T>(spec: LoopSpec<T>): { x: T; nfe: number } {
  const { host } = spec;
  const run = spec.sampler.create(
    { ops: host.ops, denoise: spec.denoise, noise: spec.noise },
    spec.grid,
    spec.params,
  );
  let x = spec.x;
  let live = new Set<T>([x]);
  let nfe = 0;
  for (let i = 0; i < spec.grid.sigmas.length - 1; i++) {
    const r = host.scoped(
      () => ({ result: run.step(x, i), history: run.history() }),
      ({ result, history }) => [result.x, result.x0, ...history],
    );
    nfe += r.result.nfe;
    spec.onStep?.(i, r.result.x, r.result.x0);
    const next = new Set<T>([r.result.x, ...r.history]);
    const dropped = [...live].filter((a) => !next.has(a));
    if (r.result.x0 !== r.result.x && !next.has(r.result.x0)) dropped.push(r.result.x0);
    host.release(dropped);
    live = next;
    x = r.result.x;
  }
  return { x, nfe };
}
