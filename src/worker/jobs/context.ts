/** What a job sees of the worker: its run id, a cancellation check and a frame sink. */
export interface JobContext {
  runId: number;
  /** True once the run was cancelled or superseded: stop before the next step. */
  isCancelled(): boolean;
  /** Stream one frame; the buffer is transferred (do not reuse it). */
  emit(step: number, total: number, data: Float32Array): void;
}

/** Let queued messages (cancel, ping) in between steps. */
export function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
