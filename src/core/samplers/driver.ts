import type { ArrayHost } from '../host';
import type {
  Denoiser,
  SamplerDef,
  SamplerParams,
  SamplerRun,
  SamplingGrid,
  StepResult,
} from './types';

/**
 * The one sampling loop: a sampler run advanced a step at a time on an ArrayHost, so several runs
 * can move in lockstep. Each step runs in `host.scoped`, keeping the new state, the x0 estimate,
 * the derivative and the run's history; once the step's frame hook has seen them, every array the
 * run no longer holds is released. Synchronous callers (the CLI, the lab, tests) use Stepper and
 * runToEnd; the worker, whose frames read back from the device, uses AsyncStepper and
 * runToEndAsync with its own cancellation check and yield.
 */
export interface RunSpec<T> {
  host: ArrayHost<T>;
  sampler: SamplerDef;
  params: SamplerParams;
  grid: SamplingGrid;
  denoise: Denoiser<T>;
  noise: (key: number) => T;
  /** The start state: the run owns it from here on (it is released with the run's arrays). */
  x: T;
}

/**
 * A run already created, stepped from `x` over `steps` steps with `care` for its memory. It exists
 * for runs a SamplerDef does not make: a discrete sampler's, adapted to SamplerRun (core/discrete),
 * a restoration solver's (core/restore), and a test's that watches its own run (its history, its
 * context's calls).
 */
export interface SteppedRun<T> {
  care: Pick<ArrayHost<T>, 'scoped' | 'release'>;
  run: SamplerRun<T>;
  steps: number;
  /** The start state: the run owns it from here on, as RunSpec's x. */
  x: T;
  /**
   * Awaited by AsyncStepper before step i from state x (e.g. a model's batch read back from the
   * device ahead of a synchronous step).
   */
  prepare?: (x: T, i: number) => Promise<void>;
}

/**
 * Sees step i's result, the run's NFE so far and the step's time in ms. The step's arrays that the
 * run does not keep are released once it returns, so it reads them (x, x0) then.
 */
export type StepFrame<T> = (i: number, r: StepResult<T>, nfe: number, ms: number) => void;
export type AsyncStepFrame<T> = (
  i: number,
  r: StepResult<T>,
  nfe: number,
  ms: number,
) => Promise<void>;

interface Taken<T> {
  i: number;
  result: StepResult<T>;
  history: readonly T[];
  ms: number;
}

/** The state and memory care both steppers share. */
abstract class SamplingRun<T> {
  private readonly host: Pick<ArrayHost<T>, 'scoped' | 'release'>;
  private readonly run: SamplerRun<T>;
  private readonly steps: number;
  private readonly prepare?: (x: T, i: number) => Promise<void>;
  private state: T;
  /** Every array the run holds now: the state and the multistep history. */
  private live: Set<T>;
  private taken = 0;
  private spent = 0;

  constructor(spec: RunSpec<T> | SteppedRun<T>) {
    if ('run' in spec) {
      this.host = spec.care;
      this.run = spec.run;
      this.steps = spec.steps;
      this.prepare = spec.prepare;
    } else {
      const { host } = spec;
      try {
        this.run = spec.sampler.create(
          { ops: host.ops, denoise: spec.denoise, noise: spec.noise },
          spec.grid,
          spec.params,
        );
      } catch (e) {
        // A sampler that refuses the grid or its parameters must not leak the start state.
        host.release([spec.x]);
        throw e;
      }
      this.host = host;
      this.steps = spec.grid.sigmas.length - 1;
    }
    this.state = spec.x;
    this.live = new Set([spec.x]);
  }

  get x(): T {
    return this.state;
  }

  get nfe(): number {
    return this.spent;
  }

  /** A stepped run's preparation for its next step (SteppedRun.prepare), if any. */
  protected async prepareNext(): Promise<void> {
    if (this.prepare && this.taken < this.steps) await this.prepare(this.state, this.taken);
  }

  /** The next step, taken but not yet committed; null once the grid is exhausted. */
  protected take(): Taken<T> | null {
    if (this.taken >= this.steps) return null;
    const { run, state: x, taken: i } = this;
    const t0 = performance.now();
    const t = this.host.scoped(
      (): Taken<T> => ({ i, result: run.step(x, i), history: run.history(), ms: 0 }),
      ({ result, history }) => [
        result.x,
        result.x0,
        ...(result.derivative ? [result.derivative] : []),
        ...history,
      ],
    );
    this.spent += t.result.nfe;
    t.ms = performance.now() - t0;
    return t;
  }

  /** After the frame: the run holds the new state and history; the rest is released. */
  protected commit({ result, history }: Taken<T>): void {
    const next = new Set<T>([result.x, ...history]);
    const dropped = new Set<T>();
    for (const a of this.live) if (!next.has(a)) dropped.add(a);
    if (!next.has(result.x0)) dropped.add(result.x0);
    if (result.derivative && !next.has(result.derivative)) dropped.add(result.derivative);
    this.host.release(dropped);
    this.live = next;
    this.state = result.x;
    this.taken++;
  }

  /**
   * A frame that stops the run (e.g. particles gone NaN) must not leak the step's new arrays; the
   * run keeps its previous state, for dispose.
   */
  protected abandon({ result, history }: Taken<T>): void {
    const made = new Set<T>([result.x, result.x0, ...history]);
    if (result.derivative) made.add(result.derivative);
    for (const a of this.live) made.delete(a);
    this.host.release(made);
  }

  /** Ends the run and hands its state to the caller: every other array it holds is released. */
  finish(): { x: T; nfe: number } {
    this.live.delete(this.state);
    this.dispose();
    return { x: this.state, nfe: this.spent };
  }

  /** Releases every array the run still holds, the state and multistep history included. */
  dispose(): void {
    this.host.release(this.live);
    this.live = new Set();
  }
}

/** A run stepped synchronously, with an optional frame hook after each step. */
export class Stepper<T> extends SamplingRun<T> {
  private readonly frame?: StepFrame<T>;

  constructor(spec: (RunSpec<T> | SteppedRun<T>) & { frame?: StepFrame<T> }) {
    super(spec);
    this.frame = spec.frame;
  }

  /** Takes the next step and shows it to the frame hook; false once the grid is exhausted. */
  next(): boolean {
    const t = this.take();
    if (!t) return false;
    if (this.frame) {
      try {
        this.frame(t.i, t.result, this.nfe, t.ms);
      } catch (e) {
        this.abandon(t);
        throw e;
      }
    }
    this.commit(t);
    return true;
  }
}

/** A run whose frame hook is asynchronous (it reads back from a device and streams). */
export class AsyncStepper<T> extends SamplingRun<T> {
  private readonly frame: AsyncStepFrame<T>;

  constructor(spec: (RunSpec<T> | SteppedRun<T>) & { frame: AsyncStepFrame<T> }) {
    super(spec);
    this.frame = spec.frame;
  }

  /** Prepares and takes the next step and awaits its frame; false once the grid is exhausted. */
  async next(): Promise<boolean> {
    await this.prepareNext();
    const t = this.take();
    if (!t) return false;
    try {
      await this.frame(t.i, t.result, this.nfe, t.ms);
    } catch (e) {
      this.abandon(t);
      throw e;
    }
    this.commit(t);
    return true;
  }
}

/** Every step of the grid in order; the final state and NFE, every other array released. */
export function runToEnd<T>(spec: (RunSpec<T> | SteppedRun<T>) & { frame?: StepFrame<T> }): {
  x: T;
  nfe: number;
} {
  const stepper = new Stepper(spec);
  try {
    while (stepper.next());
    return stepper.finish();
  } finally {
    stepper.dispose();
  }
}

export interface LoopHooks {
  /** Checked before each step: true stops the run. */
  isCancelled(): boolean;
  /** Awaited after each step (the worker lets queued messages, e.g. cancel, in). */
  between(): Promise<void>;
}

/**
 * Every step of the grid in order, awaiting each frame, until cancelled; the final state and NFE
 * with every other array released, or null (and nothing held) when cancelled.
 */
export async function runToEndAsync<T>(
  spec: (RunSpec<T> | SteppedRun<T>) & { frame: AsyncStepFrame<T> },
  hooks: LoopHooks,
): Promise<{ x: T; nfe: number } | null> {
  const stepper = new AsyncStepper(spec);
  try {
    while (!hooks.isCancelled() && (await stepper.next())) await hooks.between();
    return hooks.isCancelled() ? null : stepper.finish();
  } finally {
    stepper.dispose();
  }
}
