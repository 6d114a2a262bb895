/**
 * The inference-step count setTimesteps accepts, and the integer timestep spacings of
 * DDIM / DDPM-style schedulers (diffusers' `timestep_spacing`).
 */
import { npArange, npLinspace, roundHalfEven } from './numpy';

export type TimestepSpacing = 'linspace' | 'leading' | 'trailing';
export const TIMESTEP_SPACINGS: readonly TimestepSpacing[] = ['linspace', 'leading', 'trailing'];

/**
 * The step counts setTimesteps accepts: diffusers' set_timesteps raises when
 * num_inference_steps exceeds num_train_timesteps; we also refuse non-integers and n < 1.
 */
export function requireStepCount(className: string, n: number, numTrainTimesteps: number): void {
  if (!Number.isInteger(n) || n < 1 || n > numTrainTimesteps) {
    throw new Error(
      `${className}.setTimesteps: numInferenceSteps must be an integer in 1..${numTrainTimesteps}, got ${n}`,
    );
  }
}

/**
 * Integer timesteps, descending, for DDIM / DDPM / PNDM-style schedulers
 * (Table 2 of Lin et al. 2024 names the three spacings).
 */
export function spacedTimesteps(
  spacing: TimestepSpacing,
  n: number,
  numTrain: number,
  stepsOffset: number,
): number[] {
  switch (spacing) {
    case 'linspace':
      return npLinspace(0, numTrain - 1, n)
        .map(roundHalfEven)
        .reverse();
    case 'leading': {
      const ratio = Math.floor(numTrain / n);
      return Array.from({ length: n }, (_, i) => roundHalfEven(i * ratio) + stepsOffset).reverse();
    }
    case 'trailing':
      return npArange(numTrain, 0, -numTrain / n).map((t) => roundHalfEven(t) - 1);
  }
}
