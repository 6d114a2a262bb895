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
  if (s.runState !== 'running' || !s.backend || !(cores >= 1)) return false;
  // A job the per-size choice sends to WASM says its threads; the page's backend may be a GPU.
  const job = s.jobBackend;
  const id = job?.id ?? s.backend.id;
  const threads = (job ? job.threads : s.backend.threads) ?? 1;
  return id === 'wasm' && threads >= cores;
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
