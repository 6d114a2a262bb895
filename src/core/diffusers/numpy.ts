/**
 * numpy's semantics where diffusers computes timesteps with numpy (rounding, linspace,
 * arange): the last digit of a timestep decides which training step the model sees.
 */

/** numpy's round (half to even), which diffusers' `.round()` / `np.round` use (`np.round(2.5)` is 2). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * np.linspace(start, stop, n): i·step + start with step = (stop − start)/(n − 1), and the
 * last value set to exactly stop (numpy/_core/function_base.py, `linspace`), which is not
 * always start + (n − 1)·step in floating point.
 */
export function npLinspace(start: number, stop: number, n: number): number[] {
  if (n === 1) return [start];
  const step = (stop - start) / (n - 1);
  const out = Array.from({ length: n }, (_, i) => i * step + start);
  out[n - 1] = stop;
  return out;
}

/** np.arange(start, stop, step) for a possibly fractional step: ceil((stop − start)/step) values start + i·step. */
export function npArange(start: number, stop: number, step: number): number[] {
  const n = Math.max(0, Math.ceil((stop - start) / step));
  return Array.from({ length: n }, (_, i) => start + i * step);
}
