import { STREAM_NOTIFY_MS } from './frames';
import type { AppState } from './store';

/**
 * While a run streams on WASM threads that take every core, the playback clock ticks this often,
 * and the playground's views hear of its new frames no more often (streamNoticeMs).
 */
export const SATURATED_FRAME_MS = 250;

/**
 * Whether the streaming run computes on every core: WASM with as many threads as the machine
 * has cores (`threads=` set to the core count; the default leaves one core to the page). Then
 * each frame the page draws takes a core from one of the run's threads, and every parallel op
 * waits for its slowest thread, so playback advances in longer strides until the run is done.
 * An unknown core count (0) counts as not saturated.
 */
export function runSaturatesCores(
  s: Pick<AppState, 'backend' | 'jobBackend' | 'runState'>,
  cores: number,
): boolean {
  if (s.runState !== 'running' || !(cores >= 1)) return false;
  const threads = runWasmThreads(s);
  return threads !== null && threads >= cores;
}

/**
 * The WASM threads the latest run computes on (the worker's backend before any run), or null
 * when it runs on another backend. A job the per-size choice sends to WASM says its threads:
 * the page's backend may be a GPU.
 */
export function runWasmThreads(s: Pick<AppState, 'backend' | 'jobBackend'>): number | null {
  if (!s.backend) return null;
  const job = s.jobBackend;
  if ((job?.id ?? s.backend.id) !== 'wasm') return null;
  return job?.threads ?? (s.backend.id === 'wasm' ? s.backend.threads : undefined) ?? 1;
}

/** The machine's logical cores as the page sees them, 0 where the browser does not say. */
export function pageCores(): number {
  return typeof navigator === 'undefined' ? 0 : navigator.hardwareConcurrency || 0;
}

/**
 * The least time between the views' notices of a streaming run's frames: every playback tick's
 * worth while the run computes on every core, else STREAM_NOTIFY_MS.
 */
export function streamNoticeMs(
  s: Pick<AppState, 'backend' | 'jobBackend' | 'runState'>,
  cores: number,
): number {
  return runSaturatesCores(s, cores) ? SATURATED_FRAME_MS : STREAM_NOTIFY_MS;
}
