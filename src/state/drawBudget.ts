import type { AppState } from './store';

/** While a run streams on WASM threads that take every core, the page draws at most this often. */
export const SATURATED_FRAME_MS = 250;

/**
 * Whether the streaming run computes on every core: WASM with as many threads as the machine
 * has cores (`threads=` set to the core count; the default leaves one core to the page). Then
 * each frame the page draws takes a core from one of the run's threads, and every parallel op
 * waits for its slowest thread, so the page draws less until the run is done.
 */
export function runSaturatesCores(
  s: Pick<AppState, 'backend' | 'jobBackend' | 'runState'>,
  cores: number,
): boolean {
  if (s.runState !== 'running' || !s.backend) return false;
  const id = s.jobBackend?.id ?? s.backend.id;
  return id === 'wasm' && (s.backend.threads ?? 1) >= cores;
}
