import { describe, expect, it } from 'vitest';
import { solve } from '../core/samplers/convergence';
import { requireSampler } from '../core/samplers/registry';
import { cachedExactModel, initialState, makeGrid, makeProcess } from '../core/scene/build';
import { DEFAULT_SCENE, type SceneSettings } from '../core/scene/settings';
import { shiftedFlowGrid } from '../core/schedules/flow';
import { runCli, runCliJson } from './cli.testkit';

describe('sample --process flow --shift', () => {
  const args = ['--dataset', 'moons', '--process', 'flow', '--grid', 'time-uniform'];
  const more = ['--sampler', 'euler', '--steps', '6', '--n', '20', '--seed', '4'];

  it('runs the shifted flow: its σ grid is diffusers’ shifted flow grid, its samples the core loop’s', async () => {
    const out = await runCliJson('sample', ...args, ...more, '--shift', '3');
    expect(out.settings.flowShift).toBe(3);
    // The SD3 / Flux shift as a grid option (independent code path in schedules/flow.ts).
    shiftedFlowGrid(6, 3).sigmas.forEach((s, i) =>
      expect(out.sigmas[i]).toBeCloseTo(s, 9 - Math.log10(1 + s)),
    );
    const s: SceneSettings = {
      ...DEFAULT_SCENE,
      dataset: 'moons',
      process: 'flow',
      flowShift: 3,
      sigmaGrid: 'time-uniform',
      steps: 6,
      particles: 20,
      seed: 4,
    };
    const grid = makeGrid(s, makeProcess(s));
    const { x } = solve(
      requireSampler('euler'),
      {},
      cachedExactModel('moons').denoise,
      grid,
      initialState(20, 2, 4, grid.sigmas[0]),
    );
    expect(out.samples.flat()).toEqual(Array.from(x));
    const plain = await runCliJson('sample', ...args, ...more);
    expect(plain.settings.flowShift).toBe(1);
    expect(plain.samples).not.toEqual(out.samples);
  });

  it.each([[['--process', 'vp', '--shift', '2']], [['--process', 'flow', '--shift', '0']]])(
    '%j exits 2 with one "error: " line',
    async (argv) => {
      const r = await runCli('sample', ...argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error: \S[^\n]*\n$/);
    },
  );
});
