import { describe, expect, it } from 'vitest';
import { uniformAt } from '../../rng';
import { context } from '../discrete.testkit';
import type { SequenceSet } from '../exact';
import {
  absorbingProcess,
  gaussianProcess,
  uniformProcess,
  type CategoricalProcess,
} from '../process';
import { runDiscrete } from '../run';
import { initialTokens, timestepGrid, TokenState } from '../sampling';
import { cosineSchedule, mutualInformationSchedule } from '../schedules';
import { DISCRETE_SAMPLERS, requireDiscreteSampler } from './registry';
import type { DiscreteStepResult } from './types';
import { revealCount } from './unmask';

/** 24 random sequences of length 10 over tokens 0..4 (the mask is 5). */
const L = 10;
const DATA: SequenceSet = {
  L,
  tokens: Int32Array.from({ length: 24 * L }, (_, i) => Math.floor(uniformAt(3, 0, i) * 5)),
  weights: Float64Array.from({ length: 24 }, (_, j) => 1 + j),
};
const FIXED = Int32Array.from([-1, DATA.tokens[1], -1, -1, -1, -1, -1, -1, -1, -1]);
const FREE = new Int32Array(L).fill(-1);
const T = 50;
const PROCESSES: Record<CategoricalProcess['kind'], CategoricalProcess> = {
  absorbing: absorbingProcess(6, mutualInformationSchedule(T)),
  uniform: uniformProcess(5, cosineSchedule(T)),
  gaussian: gaussianProcess(5, cosineSchedule(T)),
};

function run(id: string, kind: CategoricalProcess['kind'], seed: number, steps = 7, fixed = FIXED) {
  const def = requireDiscreteSampler(id);
  const proc = PROCESSES[kind];
  const ctx = context(proc, DATA, seed, fixed);
  const xT = initialTokens(proc, L, seed, fixed);
  const before = xT.slice();
  const results: DiscreteStepResult[] = [];
  const inputs: Int32Array[] = [];
  const out = runDiscrete(
    def,
    ctx,
    { timesteps: timestepGrid(T, steps) },
    def.defaults,
    xT,
    (_, r) => {
      results.push(r);
      inputs.push(r.x.slice());
    },
  );
  return { out, xT, before, results, inputs };
}

const cases = DISCRETE_SAMPLERS.flatMap((d) => d.processes.map((k) => [d.id, k] as const));

describe.each(cases)('%s on the %s process', (id, kind) => {
  it('keeps the shape, leaves its input alone, repeats under a seed, keeps fixed tokens', () => {
    const a = run(id, kind, 11);
    expect(a.xT).toEqual(a.before);
    expect(a.out.x.length).toBe(L);
    a.results.forEach((r, i) => {
      expect(r.x0Probs.length).toBe(L * PROCESSES[kind].K);
      expect(r.states.length).toBe(L);
      expect(r.x).toEqual(a.inputs[i]);
    });
    for (let l = 0; l < L; l++) {
      if (FIXED[l] >= 0) {
        expect(a.out.x[l]).toBe(FIXED[l]);
        a.results.forEach((r) => expect(r.states[l]).toBe(TokenState.fixed));
      }
    }
    const b = run(id, kind, 11);
    expect(b.out.x).toEqual(a.out.x);
    expect(b.out.nfe).toBe(a.out.nfe);
    const others = [12, 13, 14, 15].map((s) => run(id, kind, s, 7, FREE).out.x.join());
    expect(new Set(others).size).toBeGreaterThan(1);
  });

  it('ends with data tokens only, steps fewer than the sequence length', () => {
    const { out } = run(id, kind, 5, 4, FREE);
    for (const v of out.x) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).not.toBe(PROCESSES[kind].mask);
    }
  });
});

describe('tokens revealed per step', () => {
  it('confidence: k_i = m − round(m(1 − ᾱ_s)/(1 − ᾱ_t)), one a step when N = L', () => {
    for (const steps of [10, 4]) {
      const a = run('confidence', 'absorbing', 3, steps, FREE);
      let masked = L;
      const ts = timestepGrid(T, steps);
      a.results.forEach((r, i) => {
        const ab = PROCESSES.absorbing.schedule.alphaBar;
        const k = revealCount(masked, 1 - ab(ts[i]), 1 - ab(ts[i + 1]));
        if (steps === 10) expect(k).toBe(1);
        expect(r.states.filter((s) => s === TokenState.revealed).length).toBe(k);
        masked -= k;
        expect(r.states.filter((s) => s === TokenState.masked).length).toBe(masked);
      });
    }
  });

  it('semi-ar: blocks fill left to right, each within its own steps', () => {
    const def = requireDiscreteSampler('semi-ar');
    const proc = PROCESSES.absorbing;
    const ctx = context(proc, DATA, 9);
    const seen: Uint8Array[] = [];
    runDiscrete(
      def,
      ctx,
      { timesteps: timestepGrid(T, 6) },
      { ...def.defaults, block: 4 },
      initialTokens(proc, L, 9),
      (_, r) => seen.push(r.states),
    );
    // blocks [0, 4), [4, 8), [8, 10): steps 0–1, 2–3, 4–5; two tokens a step, then one
    const revealed = seen.map((s) => [...s.keys()].filter((l) => s[l] === TokenState.revealed));
    expect(revealed.map((r) => r.length)).toEqual([2, 2, 2, 2, 1, 1]);
    revealed.forEach((r, i) => r.forEach((l) => expect(Math.floor(l / 4)).toBe(Math.floor(i / 2))));
  });

  it('remdm remasks committed tokens and mdlm caching saves evaluations', () => {
    const def = requireDiscreteSampler('remdm');
    const proc = PROCESSES.absorbing;
    const states: Uint8Array[] = [];
    runDiscrete(
      def,
      context(proc, DATA, 4),
      { timesteps: timestepGrid(T, 50) },
      { strategy: 'cap', eta: 0.2 },
      initialTokens(proc, L, 4),
      (_, r) => states.push(r.states),
    );
    expect(states.some((s) => s.includes(TokenState.remasked))).toBe(true);
    const mdlm = run('mdlm-ancestral', 'absorbing', 4, 50);
    expect(mdlm.out.nfe).toBeLessThan(50);
    expect(mdlm.results.filter((r) => r.nfe === 1).length).toBe(mdlm.out.nfe);
  });
});
