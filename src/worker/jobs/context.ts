import type { FrameInfo, Phase } from '../protocol';

/** What a job sees of the worker: its run id, a cancellation check, and sinks for frames and progress. */
export interface JobContext {
  runId: number;
  /** True once the run was cancelled or superseded: stop before the next step. */
  isCancelled(): boolean;
  /** Stream one frame; the buffer is transferred (do not reuse it). */
  emit(step: number, total: number, data: Float32Array, info?: FrameInfo): void;
  progress(phase: Phase, message: string, fraction: number): void;
  /** URL of public/models/ as the page sees it. */
  modelsUrl: string;
  /** Tell the user something about a run that goes on (shown as a notice). */
  notice?(message: string): void;
}

/** Let queued messages (cancel, ping) in between steps. */
export function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
