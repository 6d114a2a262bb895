/**
 * Timestep spacings of diffusers' DDIM/DDPM `set_timesteps` (named in Lin et al. 2024,
 * Table 2): which integer training timesteps an N-step sampler visits, descending.
 */
export type TimestepSpacing = 'linspace' | 'leading' | 'trailing';

export const TIMESTEP_SPACINGS: readonly TimestepSpacing[] = ['linspace', 'leading', 'trailing'];

/** numpy's round (half to even), which diffusers' `.round()` and `np.round` use. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * - linspace: round(linspace(0, T − 1, N)) reversed — starts at T − 1, ends at 0.
 * - leading: k·(T div N) + steps_offset for k = N − 1 … 0 — never reaches T − 1.
 * - trailing: round(arange(T, 0, −T/N)) − 1 — starts at T − 1, ends at T/N − 1.
 */
export function spacedTimesteps(
  spacing: TimestepSpacing,
  numSteps: number,
  numTrainTimesteps = 1000,
  stepsOffset = 0,
): number[] {
  const T = numTrainTimesteps;
  const N = numSteps;
  if (!Number.isInteger(N) || N < 1 || N > T) {
    throw new Error(`spacedTimesteps: numSteps must be an integer in 1..${T}, got ${N}`);
  }
  const descending = Array.from({ length: N }, (_, k) => N - 1 - k);
  switch (spacing) {
    case 'linspace': {
      // np.linspace: k·step with step = (T − 1)/(N − 1), the last point set to T − 1
      // exactly when N > 1; np.linspace(0, T − 1, 1) is [0].
      if (N === 1) return [0];
      const step = (T - 1) / (N - 1);
      return descending.map((k) => (k === N - 1 ? T - 1 : roundHalfEven(k * step)));
    }
    case 'leading': {
      const ratio = Math.floor(T / N);
      return descending.map((k) => k * ratio + stepsOffset);
    }
    case 'trailing': {
      const ratio = T / N;
      return Array.from({ length: N }, (_, i) => roundHalfEven(T - i * ratio) - 1);
    }
    default:
      throw new Error(`spacedTimesteps: unknown spacing "${String(spacing)}"`);
  }
}
