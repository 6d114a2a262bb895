/**
 * diffusers scheduler_config.json → a scheduler with diffusers' numbers.
 * `fromDiffusersConfig` dispatches on `_class_name`; each class lives in its own file.
 */
import type { DiffusersConfig } from './config-reader';
import type { DiffusersScheduler } from './scheduler';
import { DDIMScheduler } from './ddim';
import { DDPMScheduler } from './ddpm';
import { DEISMultistepScheduler } from './deis';
import { DPMSolverMultistepScheduler } from './dpmsolver-multistep';
import { DPMSolverSinglestepScheduler } from './dpmsolver-singlestep';
import { EDMEulerScheduler } from './edm-euler';
import { EulerDiscreteScheduler } from './euler';
import { EulerAncestralDiscreteScheduler } from './euler-ancestral';
import { HeunDiscreteScheduler } from './heun';
import { LMSDiscreteScheduler } from './lms';
import { PNDMScheduler } from './pndm';
import { UniPCMultistepScheduler } from './unipc';

export type { DiffusersConfig } from './config-reader';
export type { DiffusersScheduler, StepOptions, StepOutput, NoiseSource } from './scheduler';

type Factory = (config: DiffusersConfig) => DiffusersScheduler;

/** One entry per supported diffusers class. */
const SCHEDULERS: Readonly<Record<string, Factory>> = {
  DDIMScheduler: (c) => new DDIMScheduler(c),
  DDPMScheduler: (c) => new DDPMScheduler(c),
  EulerDiscreteScheduler: (c) => new EulerDiscreteScheduler(c),
  EulerAncestralDiscreteScheduler: (c) => new EulerAncestralDiscreteScheduler(c),
  HeunDiscreteScheduler: (c) => new HeunDiscreteScheduler(c),
  LMSDiscreteScheduler: (c) => new LMSDiscreteScheduler(c),
  PNDMScheduler: (c) => new PNDMScheduler(c),
  EDMEulerScheduler: (c) => new EDMEulerScheduler(c),
  DPMSolverMultistepScheduler: (c) => new DPMSolverMultistepScheduler(c),
  DPMSolverSinglestepScheduler: (c) => new DPMSolverSinglestepScheduler(c),
  UniPCMultistepScheduler: (c) => new UniPCMultistepScheduler(c),
  DEISMultistepScheduler: (c) => new DEISMultistepScheduler(c),
};

export const SUPPORTED_SCHEDULERS: readonly string[] = Object.keys(SCHEDULERS);

export function fromDiffusersConfig(config: DiffusersConfig): DiffusersScheduler {
  if (config === null || typeof config !== 'object')
    throw new Error('fromDiffusersConfig: config must be an object');
  const name = config._class_name;
  const factory =
    typeof name === 'string' && Object.hasOwn(SCHEDULERS, name) ? SCHEDULERS[name] : undefined;
  if (!factory) {
    throw new Error(
      `fromDiffusersConfig: unsupported _class_name ${JSON.stringify(name)}; supported: ${SUPPORTED_SCHEDULERS.join(', ')}`,
    );
  }
  return factory(config);
}
