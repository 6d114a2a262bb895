import { describe, expect, it } from 'vitest';
import { decodeBudgets, decodeLanes, encodeLanes } from './labLanes';

describe('lab lanes in the URL', () => {
  it('round-trips samplers with their parameters, defaults filled in', () => {
    const { lanes, problems } = decodeLanes('euler;dpm-solver/order:2;heun/sChurn:5');
    expect(problems).toEqual([]);
    expect(lanes.map((l) => l.id)).toEqual(['euler', 'dpm-solver', 'heun']);
    expect(lanes[1].params).toEqual({ order: 2 });
    expect(lanes[2].params.sChurn).toBe(5);
    expect(encodeLanes(lanes)).toBe('euler;dpm-solver/order:2;heun/sChurn:5');
  });

  it('drops unknown and excluded samplers, clamps parameters, and reports each', () => {
    const { lanes, problems } = decodeLanes('euler;nope;rk45;dpm-solver/order:9');
    expect(lanes.map((l) => l.id)).toEqual(['euler', 'dpm-solver']);
    expect(lanes[1].params.order).toBe(3);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/"nope".*\n.*"rk45"/);
  });

  it('falls back to the default lanes below 2 and keeps the first 6 above 6', () => {
    expect(decodeLanes('euler').lanes).toHaveLength(4);
    expect(decodeLanes('euler').problems[0]).toMatch(/at least 2/);
    const many = decodeLanes(Array(8).fill('euler').join(';'));
    expect(many.lanes).toHaveLength(6);
    expect(many.problems[0]).toMatch(/at most 6/);
  });
});

describe('sweep budgets in the URL', () => {
  it('sorts, dedupes and drops bad entries; needs 3', () => {
    expect(decodeBudgets('64,8,16,8')).toEqual({ budgets: [8, 16, 64], problems: [] });
    const bad = decodeBudgets('8,x,0,16,2.5,32');
    expect(bad.budgets).toEqual([8, 16, 32]);
    expect(bad.problems).toHaveLength(3);
    expect(decodeBudgets('8,16').budgets).toHaveLength(7);
  });
});
