import { describe, expect, it } from 'vitest';
import { forwardSample, ForwardState } from './forward';
import {
  absorbingProcess,
  gaussianProcess,
  uniformProcess,
  type CategoricalProcess,
} from './process';
import { cosineSchedule, logLinearSchedule } from './schedules';
import { chiSquareTest } from './stats';

const T = 100;
const PROCESSES: [string, CategoricalProcess][] = [
  ['absorbing', absorbingProcess(5, logLinearSchedule(T), 4)],
  ['uniform', uniformProcess(4, cosineSchedule(T))],
  ['gaussian', gaussianProcess(4, cosineSchedule(T))],
];

describe('forwardSample', () => {
  it.each(PROCESSES)('draws x_t from the row of Q̄_t (%s, chi-square)', (_, proc) => {
    const x0 = new Int32Array(4000).fill(1);
    for (const t of [10, 50, 90]) {
      const { xt } = forwardSample(proc, x0, t, 7);
      const counts = new Array<number>(proc.K).fill(0);
      for (const v of xt) counts[v]++;
      expect(chiSquareTest(counts, proc.row(0, t, 1)).pValue).toBeGreaterThan(1e-3);
    }
  });

  it('keeps a masked token masked as t grows (absorbing, coupled draws)', () => {
    const proc = PROCESSES[0][1];
    const x0 = Int32Array.from({ length: 500 }, (_, l) => l % 4);
    let before = forwardSample(proc, x0, 0, 3);
    expect(before.states.every((s) => s === ForwardState.clean)).toBe(true);
    for (let t = 5; t <= T; t += 5) {
      const now = forwardSample(proc, x0, t, 3);
      for (let l = 0; l < x0.length; l++) {
        if (before.xt[l] === proc.mask) expect(now.xt[l]).toBe(proc.mask);
      }
      before = now;
    }
    expect(before.xt.every((v) => v === proc.mask)).toBe(true);
  });

  it('labels each token clean, replaced or masked', () => {
    const proc = PROCESSES[1][1];
    const x0 = Int32Array.from({ length: 200 }, (_, l) => l % 4);
    const { xt, states } = forwardSample(proc, x0, 60, 1);
    for (let l = 0; l < x0.length; l++) {
      expect(states[l]).toBe(xt[l] === x0[l] ? ForwardState.clean : ForwardState.replaced);
    }
    expect(states.includes(ForwardState.replaced)).toBe(true);
  });
});
