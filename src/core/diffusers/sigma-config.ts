/**
 * Config keys shared by the σ-parameterised diffusers schedulers (Euler, Euler ancestral,
 * Heun, LMS): VP schedule, prediction type, spacing and σ-grid choices.
 */
import { ConfigReader } from './config-reader';
import { PREDICTION_TYPES, type PredictionType } from './scheduler';
import { TIMESTEP_SPACINGS, type TimestepSpacing } from './timestep-spacing';
import { type VpSchedule, readVpSchedule } from './vp-schedule';
import type { SigmaGridOptions, SigmaKind } from './sigmas';

export interface SigmaSchedulerConfig {
  schedule: VpSchedule;
  prediction: PredictionType;
  spacing: TimestepSpacing;
  grid: SigmaGridOptions;
}

export interface SigmaKeys {
  betaStart: number;
  betaEnd: number;
  zeroSnr: boolean;
  interpolation: boolean;
  exponential: boolean;
  sigmaBounds: boolean;
  finalSigmas: boolean;
}

/** Reads the keys a class declares in `keys`; anything else stays unread and is reported. */
export function readSigmaConfig(r: ConfigReader, keys: SigmaKeys): SigmaSchedulerConfig {
  const schedule = readVpSchedule(r, {
    zeroSnrKey: keys.zeroSnr,
    betaStart: keys.betaStart,
    betaEnd: keys.betaEnd,
  });
  if (keys.zeroSnr && r.bool('rescale_betas_zero_snr', false)) {
    // diffusers keeps the last ᾱ at 2^-24 (not 0) so the first σ stays finite.
    schedule.alphasCumprod[schedule.alphasCumprod.length - 1] = 2 ** -24;
  }
  const prediction = r.choice('prediction_type', 'epsilon', PREDICTION_TYPES);
  const spacing = r.choice('timestep_spacing', 'linspace', TIMESTEP_SPACINGS);
  const stepsOffset = r.int('steps_offset', 0);
  const interpolation = keys.interpolation
    ? r.choice('interpolation_type', 'linear', ['linear', 'log_linear'] as const)
    : 'linear';
  const karras = r.bool('use_karras_sigmas', false);
  const exponential = keys.exponential && r.bool('use_exponential_sigmas', false);
  if (keys.exponential) r.onlyDefault('use_beta_sigmas', false);
  if (karras && exponential)
    throw new Error(
      `${r.className}: only one of use_karras_sigmas and use_exponential_sigmas can be true`,
    );
  const kind: SigmaKind = karras ? 'karras' : exponential ? 'exponential' : 'interpolated';
  const sigmaMin = keys.sigmaBounds
    ? r.optionalNum('sigma_min', (v) => v > 0, 'a positive number or null')
    : null;
  const sigmaMax = keys.sigmaBounds
    ? r.optionalNum('sigma_max', (v) => v > 0, 'a positive number or null')
    : null;
  const finalSigma = keys.finalSigmas
    ? r.choice('final_sigmas_type', 'zero', ['zero', 'sigma_min'] as const)
    : 'zero';
  return {
    schedule,
    prediction,
    spacing,
    grid: { spacing, stepsOffset, interpolation, kind, sigmaMin, sigmaMax, finalSigma },
  };
}
