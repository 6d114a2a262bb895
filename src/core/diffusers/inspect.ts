import type { DiffusersConfig } from './config-reader';
import { fromDiffusersConfig } from './index';

/** What a pasted scheduler_config.json does at a given number of inference steps. */
export interface ConfigInspection {
  className: string;
  numTrainTimesteps: number;
  /** The model timesteps of the run, in call order (diffusers' `scheduler.timesteps`). */
  timesteps: number[];
  initNoiseSigma: number;
  /** Config keys the port ignored, with one readable line each. */
  unsupportedKeys: readonly string[];
  warnings: readonly string[];
}

/**
 * Parses the text of a diffusers scheduler_config.json, builds the scheduler with
 * fromDiffusersConfig and sets `steps` inference steps. Every failure (bad JSON, not an
 * object, an unsupported class, a bad value, too many steps) throws one readable Error.
 */
export function inspectDiffusersConfig(text: string, steps: number): ConfigInspection {
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (e) {
    throw new Error(`not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    const kind = config === null ? 'null' : Array.isArray(config) ? 'an array' : typeof config;
    throw new Error(`a scheduler_config.json holds one JSON object ({ … }), this is ${kind}`);
  }
  const scheduler = fromDiffusersConfig(config as DiffusersConfig);
  scheduler.setTimesteps(steps);
  return {
    className: scheduler.className,
    numTrainTimesteps: scheduler.numTrainTimesteps,
    timesteps: [...scheduler.timesteps],
    initNoiseSigma: scheduler.initNoiseSigma,
    unsupportedKeys: scheduler.unsupportedKeys,
    warnings: scheduler.warnings,
  };
}
