import type { Process } from '../schedules/process';

/**
 * Frames of a run on a σ grid placed on the process's time axis: frame k sits at
 * t_k = tOfSigma(σ_k), the final σ = 0 at tMin (as the scene's frames are labelled), so a
 * time slider can show any t by interpolating between the two frames around it.
 */
export function frameTimes(process: Process, sigmas: readonly number[]): number[] {
  return sigmas.map((s) => (s > 0 ? process.tOfSigma(s) : process.tMin));
}

/**
 * The state at time t, linear in t between the bracketing frames (`times` descending, as a
 * sampler visits them); clamped to the first frame above times[0] and the last below the end.
 * `count` frames of `frames` are available (a run still streaming has fewer than times.length).
 */
export function frameAtTime(
  times: readonly number[],
  frames: readonly ArrayLike<number>[],
  t: number,
  count = frames.length,
): Float32Array {
  if (count < 1) throw new Error('frameAtTime: no frames yet');
  const n = Math.min(count, times.length);
  if (t >= times[0] || n === 1) return Float32Array.from(frames[0]);
  for (let k = 1; k < n; k++) {
    if (t >= times[k]) {
      const w = (times[k - 1] - t) / (times[k - 1] - times[k]);
      const [a, b] = [frames[k - 1], frames[k]];
      const out = new Float32Array(a.length);
      for (let i = 0; i < out.length; i++) out[i] = (1 - w) * a[i] + w * b[i];
      return out;
    }
  }
  return Float32Array.from(frames[n - 1]);
}
