import { describe, expect, it } from 'vitest';
import { gaussianMixtureModel } from '../denoisers/gaussianMixture';
import { normals } from '../rng';
import { BENCHMARK_MIXTURE } from '../samplers/convergence';
import { Stepper } from '../samplers/driver';
import type { SamplerParams } from '../samplers/types';
import { edmProcess } from '../schedules/continuous';
import { makeSigmaGrid } from '../schedules/grid';
import { initialState, resolveSampler } from '../scene/build';
import { float64Host } from '../host';
import { traceStep, type StepTrace } from './stepTrace';
import { traceArrows } from './traceArrows';
import { plainSymbol, traceTex } from './traceTex';

const denoise = gaussianMixtureModel(BENCHMARK_MIXTURE).denoise;
const grid = makeSigmaGrid(edmProcess(), 'karras', 12);
const seed = 5;
const n = 9;

/** The ordinary n-particle loop (as the worker runs it): the state after `steps` steps. */
function fullRun(id: string, params: SamplerParams, steps: number): Float64Array {
  const { def, params: p } = resolveSampler(id, params);
  const stepper = new Stepper({
    host: float64Host,
    sampler: def,
    params: p,
    grid,
    denoise,
    noise: (key) => normals(seed, key, 2 * n),
    x: initialState(n, 2, seed, grid.sigmas[0]),
  });
  for (let i = 0; i < steps; i++) stepper.next();
  return stepper.x;
}

const trace = (id: string, step: number, params: SamplerParams = {}, particle = 4) =>
  traceStep({ id, params, grid, denoise, seed, particle, step });

const termOf = (t: StepTrace, combo: number, symbol: string) =>
  t.combos
    .find((c) => c.output === combo)!
    .terms.filter((term) => t.vectors[term.vector].symbol === symbol);

const updateCombo = (t: StepTrace) => t.combos.find((c) => c.output === t.next)!;

describe('traceStep', () => {
  const cases: [string, SamplerParams][] = [
    ['euler', {}],
    ['heun', {}],
    ['dpm-solver', { order: 3 }],
    ['dpmpp-2m', {}],
    ['unipc', {}],
    ['plms', {}],
    ['euler-ancestral', {}],
    ['ddpm', {}],
    ['dpmpp-sde', {}],
  ];

  it.each(cases)(
    '%s: the traced particle lands where the n-particle run puts it, every combination adds up',
    (id, params) => {
      for (const step of [0, 5, 10]) {
        const t = trace(id, step, params);
        const full = fullRun(id, params, step + 1);
        const [px, py] = t.vectors[t.next].value;
        expect(px).toBeCloseTo(full[8], 10);
        expect(py).toBeCloseTo(full[9], 10);
        for (const c of t.combos) {
          for (const axis of [0, 1]) {
            const sum = c.terms.reduce(
              (s, term) => s + term.coef * t.vectors[term.vector].value[axis],
              0,
            );
            expect(sum).toBeCloseTo(t.vectors[c.output].value[axis], 10);
          }
        }
        expect(t.evals.length).toBe(t.nfe);
      }
    },
  );

  it('euler: x_{i+1} = x_i + (σ_{i+1} − σ_i)·d with d = (x_i − D)/σ_i', () => {
    const i = 3;
    const t = trace('euler', i);
    const [s, sNext] = [grid.sigmas[i], grid.sigmas[i + 1]];
    const update = updateCombo(t);
    expect(t.vectors[t.next].symbol).toBe('x_{4}');
    expect(update.terms.map((term) => t.vectors[term.vector].symbol)).toEqual(['x_{3}', 'd_{1}']);
    expect(update.terms[1].coef).toBeCloseTo(sNext - s, 14);
    const d = t.combos.find((c) => t.vectors[c.output].symbol === 'd_{1}')!;
    expect(d.terms.map((term) => term.coef)).toEqual([1 / s, -1 / s]);
    expect(t.vectors[t.derivative!].symbol).toBe('d_{1}');
  });

  it('heun: the second evaluation is at the Euler trial point x_i + Δσ·d₁ and σ_{i+1}', () => {
    const i = 2;
    const t = trace('heun', i);
    expect(t.evals).toHaveLength(2);
    expect(t.evals[1].sigma).toBe(grid.sigmas[i + 1]);
    const trial = t.vectors[t.evals[1].input];
    const x = t.vectors[t.state].value;
    const d1 = t.vectors.find((v) => v.symbol === 'd_{1}')!.value;
    const dSigma = grid.sigmas[i + 1] - grid.sigmas[i];
    expect(trial.value[0]).toBeCloseTo(x[0] + dSigma * d1[0], 12);
    expect(trial.weight).toBeCloseTo(1, 12);
    expect(traceArrows(t).filter((a) => a.kind === 'denoise')).toHaveLength(2);
  });

  it('dpmpp-2m: the update uses the previous step’s D with weight −(1 − e^{−h})/(2r)', () => {
    const i = 6;
    const t = trace('dpmpp-2m', i);
    const [prev, s, next] = [grid.sigmas[i - 1], grid.sigmas[i], grid.sigmas[i + 1]];
    const h = Math.log(s / next);
    const r = Math.log(prev / s) / h;
    const kept = termOf(t, t.next, `D^{[${i - 1}]}`);
    expect(kept).toHaveLength(1);
    expect(kept[0].coef).toBeCloseTo(-(1 - Math.exp(-h)) / (2 * r), 12);
    expect(t.vectors[kept[0].vector].kind).toBe('history');
  });

  it('plms: from step 3 on, Adams–Bashforth 4 over this and the three kept derivatives', () => {
    const i = 7;
    const t = trace('plms', i);
    const combined = t.combos.find(
      (c) => c.terms.length === 4 && c.terms.every((term) => t.vectors[term.vector].weight === 0),
    )!;
    expect(combined.terms.map((term) => term.coef)).toEqual([55 / 24, -59 / 24, 37 / 24, -9 / 24]);
    expect(combined.terms.slice(1).map((term) => t.vectors[term.vector].symbol)).toEqual([
      `d_{1}^{[${i - 1}]}`,
      `d_{1}^{[${i - 2}]}`,
      `d_{1}^{[${i - 3}]}`,
    ]);
  });

  it('euler-ancestral: the noise term has k-diffusion’s σ_up and its arrow ends at x_{i+1}', () => {
    const i = 4;
    const t = trace('euler-ancestral', i);
    const [s, sNext] = [grid.sigmas[i], grid.sigmas[i + 1]];
    const sigmaUp = Math.sqrt((sNext ** 2 * (s ** 2 - sNext ** 2)) / s ** 2);
    const noise = termOf(t, t.next, 'z_{1}');
    expect(noise[0].coef).toBeCloseTo(sigmaUp, 14);
    const arrow = traceArrows(t).find((a) => a.kind === 'noise')!;
    expect(arrow.to).toEqual(t.vectors[t.next].value);
    const z = t.vectors[noise[0].vector].value;
    expect(arrow.to[0] - arrow.from[0]).toBeCloseTo(sigmaUp * z[0], 12);
  });

  it('typesets every evaluation and combination with its numbers, ending with the update', () => {
    const t = trace('heun', 1);
    const lines = traceTex(t);
    expect(lines.filter((l) => l.tex.includes('D\\big('))).toHaveLength(2);
    const last = lines.at(-1)!;
    expect(last.note).toBe('the update');
    expect(last.tex.startsWith('x_{2} = ')).toBe(true);
    expect(last.tex).toContain(String(Number(t.vectors[t.next].value[0].toPrecision(4))));
  });

  it('writes symbols as plain text for the arrow labels', () => {
    expect(plainSymbol('\\tilde x_{1}^{[4]}')).toBe('x\u03031[4]');
    expect(plainSymbol('0.3\\,z_{1}')).toBe('0.3·z1');
    expect(plainSymbol('D_{2}')).toBe('D2');
  });

  it('rejects a step outside the grid and a bad particle index', () => {
    expect(() => trace('euler', 12)).toThrow(/outside 0..11/);
    expect(() => trace('euler', 1, {}, -1)).toThrow(/particle/);
  });
});
