import { describe, expect, it } from 'vitest';
import { float64Ops } from '../ops';
import { normals } from '../rng';
import { gaussianMixtureModel } from '../denoisers/gaussianMixture';
import { requireSampler } from '../samplers/registry';
import { runAll } from '../samplers/sampler.testkit';
import { karrasSigmas } from '../schedules/sigmas';
import { repaintSchedule, repaintStep, type RepaintSpec } from './repaint';

/** Grid positions the walk visits, starting at 0. */
const positions = (steps: number, j: number, r: number) => [
  0,
  ...repaintSchedule(steps, j, r).map((m) => m.to),
];

describe('repaintSchedule', () => {
  it('matches a hand trace of the reference get_schedule_jump(t_T = 6, jump_length = 2, jump_n_sample = 2)', () => {
    // Reference times t: 5 4 3 2 3 4 3 2 1 0 1 2 1 0 −1; grid position = t_T − 1 − t.
    expect(positions(6, 2, 2)).toEqual([0, 1, 2, 3, 2, 1, 2, 3, 4, 5, 4, 3, 4, 5, 6]);
  });

  it('is the plain reverse chain for r = 1', () => {
    expect(positions(5, 2, 1)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it.each([
    [250, 10, 10],
    [50, 5, 5],
    [20, 3, 4],
    [7, 10, 3],
  ])(
    'N = %i, j = %i, r = %i: moves by ±1, ends at N, with (r − 1)·j forward moves per jump point',
    (n, j, r) => {
      const moves = repaintSchedule(n, j, r);
      const jumpPoints = Math.max(0, Math.ceil((n - j) / j));
      const forward = moves.filter((m) => m.kind === 'forward').length;
      expect(forward).toBe(jumpPoints * (r - 1) * j);
      expect(moves.length - forward).toBe(n + forward);
      moves.forEach((m) => expect(Math.abs(m.to - m.from)).toBe(1));
      moves.forEach((m, k) => k > 0 && expect(m.from).toBe(moves[k - 1].to));
      expect(moves.at(-1)?.to).toBe(n);
      expect(Math.min(...moves.map((m) => m.to))).toBeGreaterThanOrEqual(0);
    },
  );

  it('rejects non-positive settings by name', () => {
    expect(() => repaintSchedule(10, 0, 2)).toThrow(/jump length/);
    expect(() => repaintSchedule(10, 2, 0)).toThrow(/resampling count/);
  });
});

/** Runs every move of a RePaint walk in float64. */
function runRepaint(spec: Omit<RepaintSpec<Float64Array>, 'ops'>, x: Float64Array) {
  let state = x;
  for (let k = 0; k < spec.moves.length; k++)
    state = repaintStep({ ...spec, ops: float64Ops }, state, k).x;
  return state;
}

describe('repaintStep', () => {
  // Two correlated unit-variance pixels: x1 is known, x2 is sampled.
  const rho = 0.9;
  const model = gaussianMixtureModel({
    weights: [1],
    means: [[0, 0]],
    covs: [
      [
        [1, rho],
        [rho, 1],
      ],
    ],
  });
  const n = 4000;
  const sigmas = karrasSigmas(40, 0.01, 40);
  const steps = sigmas.length - 1;
  const known = 1.5;
  const source = Float64Array.from({ length: 2 * n }, (_, i) => (i % 2 === 0 ? known : 0));
  const keep = Float64Array.from({ length: 2 * n }, (_, i) => (i % 2 === 0 ? 1 : 0));
  const fill = keep.map((v) => 1 - v);
  const spec = (j: number, r: number) => ({
    denoise: model.denoise,
    noise: (key: number) => normals(3, key, 2 * n),
    sigmas,
    source,
    keep,
    fill,
    moves: repaintSchedule(steps, j, r),
  });
  const start = normals(3, 0, 2 * n).map((v) => v * sigmas[0]);
  const conditional = (x: Float64Array) => {
    const x2 = Array.from({ length: n }, (_, i) => x[2 * i + 1]);
    const mean = x2.reduce((a, b) => a + b, 0) / n;
    const variance = x2.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
    return { mean, variance };
  };

  it('keeps the known pixels exactly equal to the source', () => {
    const x = runRepaint(spec(5, 3), start);
    for (let i = 0; i < n; i++) expect(x[2 * i]).toBe(known);
  });

  it('with nothing kept and r = 1 is exactly the DDPM sampler (β̃) from the same seed', () => {
    const zero = new Float64Array(2 * n);
    const ones = zero.map(() => 1);
    const x = runRepaint({ ...spec(5, 1), keep: zero, fill: ones }, start);
    const ctx = {
      ops: float64Ops,
      denoise: model.denoise,
      noise: (key: number) => normals(3, key, 2 * n),
    };
    const ddpm = runAll(requireSampler('ddpm'), ctx, { sigmas }, start, {
      variance: 'beta-tilde',
    }).x;
    expect([...x]).toEqual([...ddpm]);
  });

  it('resampling brings the filled pixel to the Gaussian conditional N(ρ·a, 1 − ρ²)', () => {
    // Closed form for unit variances: E[x2 | x1 = a] = ρa, Var = 1 − ρ².
    const target = { mean: rho * known, variance: 1 - rho * rho };
    const plain = conditional(runRepaint(spec(1, 1), start));
    const resampled = conditional(runRepaint(spec(1, 10), start));
    const se = Math.sqrt(target.variance / n);
    expect(Math.abs(resampled.mean - target.mean)).toBeLessThan(6 * se + 0.03);
    // RePaint approximates the conditional: on this 40-step grid its variance comes out ~20% low.
    expect(Math.abs(resampled.variance - target.variance)).toBeLessThan(0.3 * target.variance);
    // Replacement without resampling lags behind the condition (the paper's motivation).
    expect(Math.abs(plain.mean - target.mean)).toBeGreaterThan(
      3 * Math.abs(resampled.mean - target.mean),
    );
  });
});
