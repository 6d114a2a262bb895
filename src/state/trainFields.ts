import { BETA_SCHEDULES } from '../core/schedules/betas';
import {
  DEFAULT_HYBRID_LAMBDA,
  DEFAULT_TRAIN_CONFIG as D,
  DEFAULT_VDM_SETTINGS as V,
  OBJECTIVES,
} from '../worker/protocol';
import type { Field } from './urlFields';

/** How a training run starts: fresh seeded weights, or the data set's shipped mlp-<id>. */
export const TRAIN_STARTS = ['scratch', 'shipped'] as const;
export const TIME_EMBEDDINGS = ['sinusoidal', 'fourier'] as const;
/**
 * What a run trains: a diffusion model on the objective `tobj`, or an accelerated sampler of the
 * data set's teacher (the shipped network with tstart=shipped, else the exact denoiser):
 * progressive distillation, consistency distillation or consistency training; or 'hybrid',
 * Improved DDPM's ε-network with a learned variance on L_simple + λ·L_vlb (λ = `tlambda`,
 * compared by sampling and the bound on a `tvsteps`-step chain); or a Variational Diffusion
 * Model ('vdm') that learns its noise schedule with the network.
 */
export const TRAIN_MODES = ['diffusion', 'distill', 'cd', 'ct', 'hybrid', 'vdm'] as const;

/**
 * URL fields of the train view (appended to FIELDS). The data set is the shared `dataset`
 * field; `tstop` pauses the run at that step (0: never) and `tauto` starts it on load, so a
 * lesson link trains a fixed number of steps from its seed.
 */
export const TRAIN_FIELDS = [
  { name: 'tobj', kind: 'choice', choices: OBJECTIVES, default: D.objective },
  { name: 'tsched', kind: 'choice', choices: BETA_SCHEDULES, default: D.schedule.kind },
  { name: 'twidth', kind: 'int', min: 4, max: 512, default: 64 },
  { name: 'tdepth', kind: 'int', min: 1, max: 8, default: D.layers },
  { name: 'temb', kind: 'choice', choices: TIME_EMBEDDINGS, default: D.timeEmbedding },
  { name: 'tlr', kind: 'number', min: 1e-5, max: 0.1, default: D.learningRate },
  { name: 'tbatch', kind: 'int', min: 8, max: 4096, default: D.batch },
  { name: 'tema', kind: 'number', min: 0, max: 0.9999, default: 0.995 },
  { name: 'tseed', kind: 'int', min: 0, max: 2 ** 31 - 1, default: D.seed },
  { name: 'tstart', kind: 'choice', choices: TRAIN_STARTS, default: 'scratch' },
  { name: 'tevery', kind: 'int', min: 10, max: 10_000, default: 200 },
  { name: 'tfield', kind: 'number', min: 0, max: 1, default: 0.1 },
  { name: 'tmap', kind: 'number', min: 0, max: 1, default: 0.1 },
  { name: 'tstop', kind: 'int', min: 0, max: 1_000_000, default: 0 },
  { name: 'tauto', kind: 'bool', default: false },
  { name: 'tmode', kind: 'choice', choices: TRAIN_MODES, default: 'diffusion' },
  // The teacher's steps in the first distillation round (rounded down to a power of two).
  { name: 'tdn', kind: 'int', min: 2, max: 256, default: 64 },
  { name: 'tround', kind: 'int', min: 1, max: 100_000, default: 500 },
  { name: 'tlevels', kind: 'int', min: 3, max: 200, default: 18 },
  // The hybrid objective's λ (Nichol & Dhariwal 2021: 0.001) and its sampling chain's steps.
  { name: 'tlambda', kind: 'number', min: 0, max: 1, default: DEFAULT_HYBRID_LAMBDA },
  { name: 'tvsteps', kind: 'int', min: 2, max: 1000, default: 50 },
  // VDM: the learned schedule's starting endpoints γ₀ < γ₁, its width, learning rate, sampler steps.
  { name: 'tvg0', kind: 'number', min: -20, max: -1, default: V.gamma0 },
  { name: 'tvg1', kind: 'number', min: 1, max: 15, default: V.gamma1 },
  { name: 'tvw', kind: 'int', min: 1, max: 256, default: V.width },
  { name: 'tvlr', kind: 'number', min: 1e-5, max: 0.5, default: V.gammaLearningRate },
  { name: 'tvn', kind: 'int', min: 1, max: 1000, default: V.sampleSteps },
] as const satisfies readonly Field[];
