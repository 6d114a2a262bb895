/**
 * The discrete VP schedule a DDPM-family config describes, read the way diffusers'
 * scheduler constructors (scheduling_ddpm.py, scheduling_ddim.py, …) build betas and ᾱ.
 */
import {
  BETA_SCHEDULES,
  type BetaScheduleKind,
  makeBetas,
  rescaleZeroTerminalSnr,
} from '../schedules/betas';
import type { ConfigReader } from './config-reader';

/** The discrete VP schedule (betas and ᾱ) every DDPM-family config describes. */
export interface VpSchedule {
  numTrainTimesteps: number;
  betas: Float64Array;
  alphasCumprod: Float64Array;
}

/**
 * num_train_timesteps, beta_start, beta_end, beta_schedule, trained_betas and (where the
 * class has it) rescale_betas_zero_snr, as diffusers' scheduler constructors read them.
 */
export function readVpSchedule(
  r: ConfigReader,
  opts: { zeroSnrKey: boolean; betaStart?: number; betaEnd?: number },
): VpSchedule {
  const trained = r.numArray('trained_betas');
  let numTrainTimesteps = r.int('num_train_timesteps', 1000, 1);
  const betaStart = r.num('beta_start', opts.betaStart ?? 0.0001);
  const betaEnd = r.num('beta_end', opts.betaEnd ?? 0.02);
  const kind = r.choice<BetaScheduleKind>('beta_schedule', 'linear', BETA_SCHEDULES);
  let betas: Float64Array;
  if (trained) {
    if (!trained.every((b) => b > 0 && b < 1))
      throw new Error(`${r.className}: config.trained_betas must lie in (0, 1)`);
    betas = trained;
    numTrainTimesteps = trained.length;
  } else {
    betas = makeBetas(kind, numTrainTimesteps, betaStart, betaEnd);
  }
  if (opts.zeroSnrKey && r.bool('rescale_betas_zero_snr', false))
    betas = rescaleZeroTerminalSnr(betas);
  return float32Schedule(numTrainTimesteps, betas);
}

/**
 * diffusers keeps betas and ᾱ in float32 (torch.cumprod accumulates in double on the CPU
 * and rounds each output); long schedules carry that rounding into pinned test numbers,
 * so we round the same way.
 */
function float32Schedule(numTrainTimesteps: number, betas64: Float64Array): VpSchedule {
  const betas = betas64.map(Math.fround);
  const ab = new Float64Array(betas.length);
  let p = 1;
  for (let i = 0; i < betas.length; i++) {
    p *= Math.fround(1 - betas[i]);
    ab[i] = Math.fround(p);
  }
  return { numTrainTimesteps, betas, alphasCumprod: ab };
}
