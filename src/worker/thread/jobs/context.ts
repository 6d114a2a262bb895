import type { FrameInfo, Phase } from '../../protocol';

/**
 * What a job sees of the worker: its run id, a cancellation check, and sinks for frames (of
 * type F, its job kind's frames) and progress.
 */
export interface JobContext<F = never> {
  runId: number;
  /** True once the run was cancelled or superseded: stop before the next step. */
  isCancelled(): boolean;
  /**
   * Stream one frame; its typed arrays' buffers are transferred (do not reuse them). A property,
   * not a method, so that a context for one frame type is not taken for another.
   */
  emit: (step: number, total: number, frame: F, info?: FrameInfo) => void;
  progress(phase: Phase, message: string, fraction: number): void;
  /** URL of public/models/ as the page sees it. */
  modelsUrl: string;
  /** Tell the user something about a run that goes on (shown as a notice). */
  notice?(message: string): void;
}

/**
 * Let queued messages (cancel, ping) in between steps, through a posted message of our own: it
 * queues behind the messages already waiting and runs as soon as they are handled. setTimeout(0)
 * is clamped to ≥ 4 ms once timers nest (every step of a loop), and on a busy machine the
 * sleeping thread then waits its turn for a CPU again.
 */
export function yieldToMessages(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/**
 * A loop's yield that lets messages in once `intervalMs` have passed since the last one: a fast
 * loop (hundreds of steps a second) pays one task hop per interval instead of one per step, and
 * a cancel or a field request waits at most the interval plus a step.
 */
export function messageYielder(intervalMs = YIELD_INTERVAL_MS): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < intervalMs) return;
    await yieldToMessages();
    last = performance.now();
  };
}
const YIELD_INTERVAL_MS = 8;
