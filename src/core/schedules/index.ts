export type { Process } from './process';
export {
  BETA_SCHEDULES,
  alphasCumprod,
  makeBetas,
  rescaleZeroTerminalSnr,
  type BetaScheduleKind,
} from './betas';
export {
  discreteVPFromAlphasCumprod,
  makeDiscreteVP,
  type DiscreteVPOptions,
  type DiscreteVPSchedule,
} from './discreteVP';
export {
  edmProcess,
  marginalStd,
  subVpProcess,
  veProcess,
  vpProcess,
  type EDMOptions,
  type VEOptions,
  type VPOptions,
} from './continuous';
export {
  exponentialSigmas,
  karrasSigmas,
  logSnrUniformSigmas,
  polyexponentialSigmas,
  vpSigmas,
} from './sigmas';
export { TIMESTEP_SPACINGS, roundHalfEven, spacedTimesteps, type TimestepSpacing } from './spacing';
export {
  SIGMA_GRID_KINDS,
  makeSigmaGrid,
  makeTimestepGrid,
  type DiscreteGrid,
  type SigmaGridKind,
  type SigmaGridOptions,
} from './grid';
