import { DISCRETE_DATA } from '../core/discrete/datasets';
import { decodeName, NAME_END, NAME_LETTERS } from '../core/discrete/data/names';
import { sampleShares, type SampleShares } from '../core/discrete/memorisation';
import { requireDiscreteSampler } from '../core/discrete/samplers/registry';
import { decodeSamplerParams } from '../core/samplers/params';
import type { DiscreteLikelihoodJob, DiscreteSampleJob } from '../worker/protocol';
import type { DiscreteData } from './discreteData';
import type { Params } from './fields';

/** The shipped MDLM network of each data set, and the names' autoregressive baseline. */
export const DISCRETE_NETWORKS = { names: 'mdlm-names', digits: 'mdlm-digits' } as const;
export const AR_NETWORK = 'ar-names';

/**
 * The names' likelihood job (seed 0): the MDLM network's bound beside the autoregressive
 * baseline's exact NLL on `count` held-out names, `samples` times per name.
 */
export function namesLikelihoodJob(count: number, samples: number): DiscreteLikelihoodJob {
  return {
    kind: 'discrete-likelihood',
    network: DISCRETE_NETWORKS.names,
    autoregressive: AR_NETWORK,
    count,
    samples,
    seed: 0,
  };
}

/** The fields a discrete sampling run is made of (the view's selector). */
export const DISCRETE_RUN_PARAMS = [
  'dset',
  'dmodel',
  'dsampler',
  'dparams',
  'dsteps',
  'dcount',
  'dseed',
  'dclass',
  'dguide',
  'dfix',
  'dpaint',
  'dsrc',
] as const;
export type DiscreteRunParams = Pick<Params, (typeof DISCRETE_RUN_PARAMS)[number]>;

/** Names infilling: dfix's letters and '.' (END) fix their positions; '_' and the rest are free. */
export function namePatternTokens(pattern: string, L: number): Int32Array | undefined {
  const fixed = new Int32Array(L).fill(-1);
  let any = false;
  for (let l = 0; l < Math.min(L, pattern.length); l++) {
    const c = pattern[l];
    const token = c === '.' ? NAME_END : NAME_LETTERS.indexOf(c);
    if (token >= 0) {
      fixed[l] = token;
      any = true;
    }
  }
  return any ? fixed : undefined;
}

/** The 64 pixels of dpaint's 16 hex digits: pixel l is bit l (digit l >> 2 read from the left). */
export function paintMask(hex: string): boolean[] {
  if (!/^[0-9a-f]{16}$/.test(hex)) return new Array<boolean>(64).fill(false);
  return Array.from({ length: 64 }, (_, l) => ((parseInt(hex[l >> 2], 16) >> (l & 3)) & 1) === 1);
}

export function paintHex(mask: readonly boolean[]): string {
  if (!mask.some(Boolean)) return '';
  let hex = '';
  for (let d = 0; d < 16; d++) {
    let v = 0;
    for (let b = 0; b < 4; b++) if (mask[d * 4 + b]) v |= 1 << b;
    hex += v.toString(16);
  }
  return hex;
}

/** Digits infilling: the painted pixels hold the held-out digit `dsrc`'s grey levels. */
export function digitFixedTokens(
  heldOut: DiscreteData['heldOut'],
  src: number,
  hex: string,
): Int32Array | undefined {
  const mask = paintMask(hex);
  if (!mask.some(Boolean)) return undefined;
  const { L, tokens } = heldOut;
  const j = Math.min(src, tokens.length / L - 1);
  return Int32Array.from(mask, (m, l) => (m ? tokens[j * L + l] : -1));
}

/**
 * The sampling job the URL describes, and what in it was set aside (each reported). Digits
 * infilling needs the data (the template digit); until it has loaded the run has none.
 */
export function discreteJobFromParams(
  p: DiscreteRunParams,
  data: DiscreteData | null,
): { job: DiscreteSampleJob; problems: string[] } {
  const def = requireDiscreteSampler(p.dsampler);
  const { params, problems } = decodeSamplerParams(def, p.dparams);
  const { L } = DISCRETE_DATA[p.dset];
  const names = p.dset === 'names';
  const fixed = names
    ? namePatternTokens(p.dfix, L)
    : data?.dataset === 'digits'
      ? digitFixedTokens(data.heldOut, p.dsrc, p.dpaint)
      : undefined;
  if (names && p.dclass >= 0) problems.push('dclass applies to the digits; names have no classes');
  const classId = !names && p.dclass >= 0 ? p.dclass : undefined;
  const network = p.dmodel === 'network';
  return {
    job: {
      kind: 'discrete-sample',
      dataset: p.dset,
      model: network ? DISCRETE_NETWORKS[p.dset] : 'exact',
      sampler: def.id,
      params,
      steps: p.dsteps,
      count: p.dcount,
      seed: p.dseed,
      ...(classId === undefined ? {} : { classId }),
      ...(classId !== undefined && network ? { guidance: p.dguide } : {}),
      ...(fixed ? { fixed } : {}),
    },
    problems,
  };
}

/** The k most probable tokens of row `position` of an L×K prediction, most probable first. */
export function topCandidates(
  probs: Float32Array,
  K: number,
  position: number,
  k: number,
): { token: number; p: number }[] {
  return Array.from(probs.subarray(position * K, position * K + K), (p, token) => ({ token, p }))
    .sort((a, b) => b.p - a.p)
    .slice(0, k);
}

/** Memorisation of a finished run: valid, in-training and novel shares of its samples. */
export function runShares(data: DiscreteData, samples: Int32Array): SampleShares {
  return sampleShares(samples, data.train.L, data.trainKeys, data.isValid);
}

/**
 * A finished run as JSON, in the CLI's `sample --discrete` terms: names as strings, digits as
 * grey-level arrays, with the job (fixed positions as a list) and the link that reproduces it.
 */
export function discreteRunExport(
  job: DiscreteSampleJob,
  samples: Int32Array,
  nfe: number,
  link: string,
) {
  const { L } = DISCRETE_DATA[job.dataset];
  const rows = Array.from({ length: samples.length / L }, (_, j) =>
    samples.subarray(j * L, j * L + L),
  );
  return {
    version: 1,
    link,
    job: { ...job, fixed: job.fixed ? Array.from(job.fixed) : undefined },
    nfe,
    samples: rows.map((r) => (job.dataset === 'names' ? decodeName(r) : Array.from(r))),
  };
}

/** Tokens revealed per step on average when `steps` steps unmask a whole sequence. */
export function tokensPerStep(p: Pick<Params, 'dset' | 'dsteps'>): string {
  const k = DISCRETE_DATA[p.dset].L / p.dsteps;
  return k >= 1 ? k.toPrecision(k < 10 ? 2 : 3) : `${k.toFixed(2)} (some steps reveal none)`;
}
