import { describe, expect, it } from 'vitest';
import { edmProcess } from '../schedules/continuous';
import { makeSigmaGrid } from '../schedules/grid';
import { requireSampler } from '../samplers/registry';
import { countNfe, planBudget } from './budget';

const process = edmProcess();
const gridFor = (steps: number) => makeSigmaGrid(process, 'karras', steps);
const plan = (id: string, budget: number, params = {}) => {
  const def = requireSampler(id);
  return planBudget(def, { ...def.defaults, ...params }, budget, gridFor);
};

describe('planBudget', () => {
  it('gives a one-evaluation sampler one step per evaluation', () => {
    for (const budget of [1, 4, 17, 200])
      expect(plan('euler', budget)).toMatchObject({ steps: budget, nfe: budget });
  });

  it('counts Heun as 2N − 1 (EDM Algorithm 2: the step to σ = 0 is Euler) and fills odd budgets', () => {
    expect(plan('heun', 8)).toMatchObject({ steps: 4, nfe: 7, nfePerStep: 2 });
    expect(plan('heun', 9)).toMatchObject({ steps: 5, nfe: 9 });
    expect(plan('heun', 1)).toMatchObject({ steps: 1, nfe: 1 });
  });

  it('counts DPM-Solver-3 as 3(N − 1) + 1 and DPM++(2S) as 2(N − 1) + 1', () => {
    expect(plan('dpm-solver', 10, { order: 3 })).toMatchObject({ steps: 4, nfe: 10 });
    expect(plan('dpm-solver', 12, { order: 3 })).toMatchObject({ steps: 4, nfe: 10 });
    expect(plan('dpmpp-2s', 8)).toMatchObject({ steps: 4, nfe: 7 });
  });

  it('counts predictor–corrector without the corrector after the last step', () => {
    // Euler predictor + M = 2 corrector steps: 3 per step, 1 on the step to σ = 0.
    expect(plan('pc', 10, { predictor: 'euler', correctorSteps: 2 })).toMatchObject({
      steps: 4,
      nfe: 10,
    });
  });

  it('never plans beyond the budget when one step fits', () => {
    for (const id of [
      'euler',
      'heun',
      'midpoint',
      'dpmpp-2m',
      'unipc',
      'dpm-solver',
      'lms',
      'plms',
    ]) {
      for (const budget of [2, 5, 12, 33]) {
        const p = plan(id, budget);
        expect(p.nfe).toBeLessThanOrEqual(budget);
        expect(
          countNfe(requireSampler(id), requireSampler(id).defaults, gridFor(p.steps + 1)),
        ).toBeGreaterThan(budget);
      }
    }
  });

  it('gives PLMS one step fewer than its budget: its first step evaluates twice (PNDM warm-up)', () => {
    expect(plan('plms', 16)).toMatchObject({ steps: 15, nfe: 16 });
  });

  it('rejects a budget that is not a positive integer', () => {
    expect(() => plan('euler', 0)).toThrow(/positive integer/);
    expect(() => plan('euler', 2.5)).toThrow(/positive integer/);
  });
});
