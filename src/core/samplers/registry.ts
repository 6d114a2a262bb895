import { analyticDpm } from './analytic-dpm';
import { annealedLangevin } from './annealed-langevin';
import { consistency } from './consistency';
import { ddim } from './ddim';
import { ddimInversion } from './ddim-inversion';
import { ddpm } from './ddpm';
import { deis } from './deis';
import { dpmAdaptive } from './dpm-adaptive';
import { dpmSolver } from './dpm-solver';
import { dpmppTwoM } from './dpmpp-2m';
import { dpmppTwoS } from './dpmpp-2s';
import { dpmppSde } from './dpmpp-sde';
import { euler } from './euler';
import { eulerAncestral } from './euler-ancestral';
import { eulerMaruyama } from './euler-maruyama';
import { heun } from './heun';
import { ipndm } from './ipndm';
import { lms } from './lms';
import { midpoint } from './midpoint';
import { createPcSampler } from './pc';
import { plms } from './plms';
import { rk45 } from './rk45';
import { sdeAdaptive } from './sde-adaptive';
import type { SamplerDef } from './types';
import { uniPc } from './unipc';

/**
 * Samplers that walk a grid from high to low noise. Each is usable as the predictor of
 * the predictor–corrector sampler. Append new solvers here.
 */
export const SOLVERS: readonly SamplerDef[] = [
  ddpm,
  ddim,
  analyticDpm,
  euler,
  eulerAncestral,
  heun,
  lms,
  plms,
  ipndm,
  rk45,
  eulerMaruyama,
  dpmSolver,
  dpmppTwoM,
  dpmppTwoS,
  dpmppSde,
  uniPc,
  deis,
  midpoint,
  dpmAdaptive,
  sdeAdaptive,
];

/** Every sampler the app offers, in menu order. */
export const SAMPLERS: readonly SamplerDef[] = [
  ...SOLVERS,
  createPcSampler(SOLVERS),
  annealedLangevin,
  ddimInversion,
  consistency,
];

/**
 * Samplers that choose their own steps inside each grid interval: their NFE per step varies
 * (each step reports its count) and `nfePerStep` is nominal.
 */
export const ADAPTIVE_SAMPLERS: ReadonlySet<string> = new Set([
  'rk45',
  'dpm-adaptive',
  'sde-adaptive',
]);

const BY_ID = new Map(SAMPLERS.map((s) => [s.id, s]));
if (BY_ID.size !== SAMPLERS.length) throw new Error('sampler registry: duplicate ids');

export function getSampler(id: string): SamplerDef | undefined {
  return BY_ID.get(id);
}

export function requireSampler(id: string): SamplerDef {
  const def = BY_ID.get(id);
  if (!def)
    throw new Error(`unknown sampler "${id}"; known: ${SAMPLERS.map((s) => s.id).join(', ')}`);
  return def;
}
