import type { ParamSpec } from '../../samplers/types';
import { noiseKey } from '../../rng';
import { sampleCategorical, tokenStates } from '../sampling';
import { dataProbs, isFixed } from './common';
import type { DiscreteContext, DiscreteStepResult } from './types';

export type UnmaskParams = {
  /** Which masked positions a step reveals first: confidence, margin, entropy or random. */
  order: string;
  /** 'sample' draws each candidate from p̂, 'argmax' takes its mode. */
  candidate: string;
  /** MaskGIT's choice temperature: Gumbel noise τ(1 − i/N) added to the scores. */
  temperature: number;
};

export const UNMASK_PARAMS: readonly ParamSpec[] = [
  {
    key: 'order',
    label: 'Reveal order',
    kind: 'choice',
    choices: ['confidence', 'margin', 'entropy', 'random'],
    tex: String.raw`c_l \in \{\ \hat p(\hat x_l),\ \ p_{(1)} - p_{(2)},\ \ -H(\hat p_l),\ \ u_l\ \}`,
  },
  {
    key: 'candidate',
    label: 'Candidate token',
    kind: 'choice',
    choices: ['sample', 'argmax'],
    tex: String.raw`\hat x_l \sim \hat p(x_0^l \mid x_t) \ \text{ or }\ \arg\max`,
  },
  {
    key: 'temperature',
    label: 'Choice temperature',
    kind: 'number',
    min: 0,
    max: 10,
    step: 0.1,
    tex: String.raw`c_l + \tau\,(1 - i/N)\,g_l,\ g_l \sim \mathrm{Gumbel}(0, 1)`,
  },
];

export const UNMASK_DEFAULTS: UnmaskParams = {
  order: 'confidence',
  candidate: 'sample',
  temperature: 0,
};

export function checkUnmaskParams(p: UnmaskParams, who: string): void {
  if (!['confidence', 'margin', 'entropy', 'random'].includes(p.order)) {
    throw new Error(`${who}: unknown order "${p.order}"`);
  }
  if (p.candidate !== 'sample' && p.candidate !== 'argmax') {
    throw new Error(`${who}: candidate must be "sample" or "argmax", got "${p.candidate}"`);
  }
  if (!(p.temperature >= 0)) throw new Error(`${who}: temperature must be ≥ 0`);
}

/**
 * How many of m masked tokens a step reveals when the masked fraction falls from fNow to
 * fNext (1 − ᾱ of the step's two times): m − round(m·fNext/fNow), all of them when fNext = 0.
 */
export function revealCount(m: number, fNow: number, fNext: number): number {
  if (fNext <= 0 || fNow <= 0) return m;
  return m - Math.round((m * fNext) / fNow);
}

function score(p: Float64Array, token: number, order: string, u: number): number {
  if (order === 'random') return u;
  if (order === 'confidence') return Math.log(p[token]);
  if (order === 'margin') {
    let a = 0;
    let b = 0;
    for (const v of p) {
      if (v > a) [a, b] = [v, a];
      else if (v > b) b = v;
    }
    return a - b;
  }
  let h = 0;
  for (const v of p) if (v > 0) h -= v * Math.log(v);
  return -h;
}

/**
 * One confidence-ordered unmasking step (MaskGIT, Chang et al. 2022, §3.2 / Algorithm;
 * LLaDA's low-confidence remasking, Nie et al. 2025, Algorithm 5): every masked position in
 * `allowed` gets a candidate token and a score, and the k best are revealed (ties by position);
 * the others stay masked. Margin (top-1 − top-2) and entropy orders as in Dream (Ye et al.
 * 2025, `topk_margin`, `entropy`).
 */
export function unmaskStep(
  ctx: DiscreteContext,
  x: Int32Array,
  x0Probs: Float64Array,
  allowed: readonly number[],
  k: number,
  i: number,
  annealing: number,
  p: UnmaskParams,
): DiscreteStepResult {
  const { K, mask } = ctx.process;
  const picks: { l: number; token: number; score: number }[] = [];
  for (const l of allowed) {
    if (isFixed(ctx, l) || x[l] !== mask) continue;
    const probs = dataProbs(x0Probs, l, K, mask);
    const token =
      p.candidate === 'argmax'
        ? probs.indexOf(Math.max(...probs))
        : sampleCategorical(probs, 0, K, ctx.uniform(noiseKey(i, 0), l));
    let c = score(probs, token, p.order, ctx.uniform(noiseKey(i, 1), l));
    if (p.temperature > 0) {
      c -= p.temperature * annealing * Math.log(-Math.log(ctx.uniform(noiseKey(i, 2), l)));
    }
    picks.push({ l, token, score: c });
  }
  picks.sort((a, b) => b.score - a.score || a.l - b.l);
  const next = x.slice();
  for (const pick of picks.slice(0, k)) next[pick.l] = pick.token;
  return { x: next, x0Probs, nfe: 1, states: tokenStates(x, next, mask, ctx.fixed) };
}
