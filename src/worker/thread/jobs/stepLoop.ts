import type { ArrayOps } from '../../../core/ops';
import type {
  SamplerDef,
  SamplerParams,
  SamplerRun,
  SamplingGrid,
  StepResult,
  Denoiser,
} from '../../../core/samplers/types';
import type { JobContext } from './context';
import { yieldToMessages } from './context';

/** How a loop touches its arrays: read-back to float32 and memory care (no-ops for Float64Array). */
export interface ArrayHost<T> {
  ops: ArrayOps<T>;
  fromFloat64(x: Float64Array): T;
  read(x: T): Promise<Float32Array>;
  /** Run one step so that every temporary it makes is freed except the arrays returned. */
  scoped<R>(fn: () => R, keep: (r: R) => T[]): R;
  release(arrays: Iterable<T>): void;
}

export interface LoopSpec<T> {
  host: ArrayHost<T>;
  sampler: SamplerDef;
  params: SamplerParams;
  grid: SamplingGrid;
  denoise: Denoiser<T>;
  noise: (key: number) => T;
  x: T;
  /** Called after each step with the step's result; returns the frame to stream. */
  frame(step: number, r: StepResult<T>, nfe: number, ms: number): Promise<void>;
}

/** One sampler run advanced a step at a time (so several runs can move in lockstep). */
export interface Stepper<T> {
  /** Takes the next step and streams its frame; false once the grid is exhausted. */
  next(): Promise<boolean>;
  readonly x: T;
  readonly nfe: number;
  /** Frees every array the run still holds (its state and multistep history). */
  dispose(): void;
}

/** Frees the arrays of the previous step that the run no longer holds. */
export function createStepper<T>(spec: LoopSpec<T>): Stepper<T> {
  const { host, grid } = spec;
  let run: SamplerRun<T>;
  try {
    run = spec.sampler.create(
      { ops: host.ops, denoise: spec.denoise, noise: spec.noise },
      grid,
      spec.params,
    );
  } catch (e) {
    // The stepper owns x from here on; a sampler that refuses the grid must not leak it.
    host.release([spec.x]);
    throw e;
  }
  const steps = grid.sigmas.length - 1;
  let x = spec.x;
  let live = new Set<T>([x]);
  let nfe = 0;
  let i = 0;
  return {
    get x() {
      return x;
    },
    get nfe() {
      return nfe;
    },
    async next() {
      if (i >= steps) return false;
      const t0 = performance.now();
      const r = host.scoped(
        () => ({ result: run.step(x, i), history: run.history() }),
        ({ result, history }) => [
          result.x,
          result.x0,
          ...(result.derivative ? [result.derivative] : []),
          ...history,
        ],
      );
      nfe += r.result.nfe;
      try {
        await spec.frame(i, r.result, nfe, performance.now() - t0);
      } catch (e) {
        // A frame that stops the run (e.g. particles gone NaN) must not leak the step's arrays.
        const made = new Set<T>([r.result.x, r.result.x0, ...r.history]);
        if (r.result.derivative) made.add(r.result.derivative);
        host.release([...made].filter((a) => !live.has(a)));
        throw e;
      }
      const next = new Set<T>([r.result.x, ...r.history]);
      const dropped = [...live].filter((a) => !next.has(a));
      if (r.result.x0 !== r.result.x && !next.has(r.result.x0)) dropped.push(r.result.x0);
      if (r.result.derivative && !next.has(r.result.derivative)) dropped.push(r.result.derivative);
      host.release(dropped);
      live = next;
      x = r.result.x;
      i++;
      return true;
    },
    dispose() {
      host.release(live);
      live = new Set();
    },
  };
}

/**
 * The caller-owned sampling loop: steps in order, streams every frame, and stops between
 * steps when the run is cancelled.
 */
export async function runLoop<T>(
  spec: LoopSpec<T>,
  ctx: JobContext,
): Promise<{ x: T; nfe: number }> {
  const stepper = createStepper(spec);
  while (!ctx.isCancelled() && (await stepper.next())) await yieldToMessages();
  return { x: stepper.x, nfe: stepper.nfe };
}
