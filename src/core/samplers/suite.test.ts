import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mixtureDenoiser } from '../denoisers/gaussianMixture';
import { float64Host } from '../host';
import { vpProcess } from '../schedules/continuous';
import { karrasSigmas } from '../schedules/sigmas';
import { runToEnd } from './driver';
import { ADAPTIVE_SAMPLERS, SAMPLERS, getSampler } from './registry';
import { countingContext, initialState } from './sampler.testkit';
import type { SamplingGrid, StepResult } from './types';

/** The shared contract every registered sampler must keep (diffusers-style common suite). */
const mixture = mixtureDenoiser({
  weights: [0.6, 0.4],
  means: [
    [-1, 0.5],
    [1, -0.5],
  ],
  covs: [
    [
      [0.05, 0],
      [0, 0.1],
    ],
    [
      [0.08, 0.02],
      [0.02, 0.04],
    ],
  ],
});
const POINTS = 16;
const SIZE = POINTS * 2;
const grid: SamplingGrid = { sigmas: karrasSigmas(6, 0.05, 20), process: vpProcess() };

function run(id: string, seed: number, noiseSeed = seed) {
  const def = getSampler(id)!;
  const ctx = countingContext(mixture, noiseSeed, SIZE);
  const counted: number[] = [];
  const runner = def.create(ctx, grid, def.defaults);
  // The frame sees step i's result; `x` and `input` are the array step i was given and its copy.
  let x = initialState(seed, SIZE, grid.sigmas[0]);
  let input = x.slice();
  let before = ctx.calls();
  const steps: StepResult<Float64Array>[] = [];
  const done = runToEnd({
    care: float64Host,
    run: runner,
    steps: grid.sigmas.length - 1,
    x,
    frame: (i, r) => {
      expect(x, `${id} step ${i} mutated its input`).toEqual(input);
      counted.push(ctx.calls() - before);
      steps.push(r);
      before = ctx.calls();
      x = r.x;
      input = x.slice();
    },
  });
  return { def, x: done.x, steps, counted, history: runner.history() };
}

describe.each(SAMPLERS.map((s) => s.id))('sampler %s', (id) => {
  it('keeps the shape, does not mutate inputs, and returns finite states', () => {
    const { steps, history } = run(id, 7);
    for (const s of steps) {
      expect(s.x.length).toBe(SIZE);
      expect(s.x0.length).toBe(SIZE);
      if (s.derivative) expect(s.derivative.length).toBe(SIZE);
      expect(s.x.every(Number.isFinite)).toBe(true);
      expect(s.x0.every(Number.isFinite)).toBe(true);
    }
    for (const h of history) expect((h as Float64Array).length).toBe(SIZE);
  });

  it('reports the model evaluations it really makes, and declares its nominal NFE', () => {
    const { def, steps, counted } = run(id, 3);
    expect(steps.map((s) => s.nfe)).toEqual(counted);
    if (ADAPTIVE_SAMPLERS.has(id)) return;
    const tally = new Map<number, number>();
    for (const c of counted) tally.set(c, (tally.get(c) ?? 0) + 1);
    const mode = [...tally.entries()].sort((a, b) => b[1] - a[1])[0][0];
    expect(mode).toBe(def.nfePerStep(def.defaults));
  });

  it('gives bit-identical output for the same seed', () => {
    expect(run(id, 11).x).toEqual(run(id, 11).x);
  });

  it('uses step noise exactly when it declares itself stochastic', () => {
    const a = run(id, 5, 100).x;
    const b = run(id, 5, 200).x;
    const def = getSampler(id)!;
    if (def.stochastic(def.defaults)) expect(a).not.toEqual(b);
    else expect(a).toEqual(b);
  });

  it('documents every parameter with a default and a KaTeX string', () => {
    const def = getSampler(id)!;
    expect(Object.keys(def.defaults).sort()).toEqual(def.params.map((p) => p.key).sort());
    for (const p of def.params) expect(p.tex.length).toBeGreaterThan(5);
    expect(def.reference.length).toBeGreaterThan(10);
  });
});

describe('registry', () => {
  it('has unique ids, each the name of its file in this folder', () => {
    const ids = SAMPLERS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(existsSync(new URL(`./${id}.ts`, import.meta.url)), id).toBe(true);
  });
});
