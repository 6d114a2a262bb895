/**
 * Discrete VP noise schedules β_1..β_N, as diffusers builds them
 * (schedulers/scheduling_ddpm.py, `betas_for_alpha_bar` and the beta_schedule options).
 */
export type BetaScheduleKind = 'linear' | 'scaled_linear' | 'squaredcos_cap_v2' | 'sigmoid';

export const BETA_SCHEDULES: readonly BetaScheduleKind[] = [
  'linear',
  'scaled_linear',
  'squaredcos_cap_v2',
  'sigmoid',
];

function linspace(a: number, b: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = n === 1 ? a : a + ((b - a) * i) / (n - 1);
  return out;
}

/** Improved DDPM cosine schedule (Nichol & Dhariwal 2021, eq. 17), β capped at 0.999. */
function cosineBetas(n: number, maxBeta = 0.999): Float64Array {
  const alphaBar = (t: number) => Math.cos(((t + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = Math.min(1 - alphaBar((i + 1) / n) / alphaBar(i / n), maxBeta);
  }
  return out;
}

export function makeBetas(
  kind: BetaScheduleKind,
  n: number,
  betaStart = 0.0001,
  betaEnd = 0.02,
): Float64Array {
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`makeBetas: n must be a positive integer, got ${n}`);
  switch (kind) {
    case 'linear':
      return linspace(betaStart, betaEnd, n);
    case 'scaled_linear':
      return linspace(Math.sqrt(betaStart), Math.sqrt(betaEnd), n).map((b) => b * b);
    case 'squaredcos_cap_v2':
      return cosineBetas(n);
    case 'sigmoid':
      return linspace(-6, 6, n).map(
        (x) => (1 / (1 + Math.exp(-x))) * (betaEnd - betaStart) + betaStart,
      );
    default:
      throw new Error(`makeBetas: unknown schedule "${String(kind)}"`);
  }
}

/** ᾱ_t = Π_{s≤t} (1 − β_s). */
export function alphasCumprod(betas: Float64Array): Float64Array {
  const out = new Float64Array(betas.length);
  let p = 1;
  for (let i = 0; i < betas.length; i++) {
    p *= 1 - betas[i];
    out[i] = p;
  }
  return out;
}

/**
 * Rescale so the last step has zero SNR (Lin et al. 2024, "Common Diffusion Noise
 * Schedules and Sample Steps are Flawed", Algorithm 1): shift and scale sqrt(ᾱ) so that
 * it ends at 0 while keeping its first value.
 */
export function rescaleZeroTerminalSnr(betas: Float64Array): Float64Array {
  const sqrtAb = alphasCumprod(betas).map(Math.sqrt);
  const first = sqrtAb[0];
  const last = sqrtAb[sqrtAb.length - 1];
  const scaled = sqrtAb.map((v) => ((v - last) * first) / (first - last));
  const ab = scaled.map((v) => v * v);
  const out = new Float64Array(betas.length);
  for (let i = 0; i < ab.length; i++) out[i] = 1 - (i === 0 ? ab[0] : ab[i] / ab[i - 1]);
  return out;
}
