/** Test-only helpers: float64 restoration runs, sample moments, brute-force oracles. */
import { float64Host } from '../host';
import { normals } from '../rng';
import { runToEnd } from '../samplers/driver';
import type { Denoiser } from '../samplers/types';
import { float64RestoreOps, linearOperator } from './linear';
import type { OperatorSpec } from './operators';
import type { DenoiserVjp, RestoreParams, RestoreSolver } from './solver';
import { RESTORE_DEFAULTS } from './solver';

/** σ from 80 down to 0.002, geometric, then 0. */
export const geometricGrid = (steps: number): number[] => [
  ...Array.from({ length: steps }, (_, i) => 80 * (0.002 / 80) ** (i / (steps - 1))),
  0,
];

/** The N(0, I) prior's denoiser D = x/(1 + σ²) and its (constant) Jacobian's product. */
export const standardNormalDenoiser: Denoiser<Float64Array> = (x, s) =>
  x.map((v) => v / (1 + s * s));
export const standardNormalVjp: DenoiserVjp<Float64Array> = (x, s, g) => {
  const x0 = standardNormalDenoiser(x, s);
  return { x0, vjp: g(x0).map((v) => v / (1 + s * s)) };
};

/** `cells` restorations of measurement y (one cell's values) in float64, to the end of the grid. */
export function restoreSamples(opts: {
  solver: RestoreSolver;
  spec: OperatorSpec;
  y: Float64Array;
  sigmaY: number;
  cells: number;
  steps: number;
  denoise: Denoiser<Float64Array>;
  vjp?: DenoiserVjp<Float64Array>;
  params?: Partial<RestoreParams>;
  seed?: number;
}): Float64Array {
  const { cells, spec } = opts;
  const dim = spec.height * spec.width;
  const ops = float64RestoreOps(cells);
  const op = linearOperator(spec, ops);
  const seed = opts.seed ?? 3;
  const grid = { sigmas: geometricGrid(opts.steps) };
  const run = opts.solver.create(
    {
      ops,
      op,
      y: ops.tile(opts.y, spec.measHeight, spec.measWidth),
      sigmaY: opts.sigmaY,
      denoise: opts.denoise,
      denoiseVjp: opts.vjp,
      noise: (key) => normals(seed, key, cells * dim),
    },
    grid,
    { ...RESTORE_DEFAULTS, ...opts.params },
  );
  const x = normals(seed, 0, cells * dim).map((v) => v * grid.sigmas[0]);
  return runToEnd({ care: float64Host, run, steps: opts.steps, x }).x;
}

/** Per-coordinate mean and the d×d covariance of n samples of dimension d (flat). */
export function sampleMoments(x: Float64Array, d: number): { mean: number[]; cov: number[][] } {
  const n = x.length / d;
  const mean = Array.from({ length: d }, (_, j) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i * d + j];
    return s / n;
  });
  const cov = Array.from({ length: d }, (_, a) =>
    Array.from({ length: d }, (_, b) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += (x[i * d + a] - mean[a]) * (x[i * d + b] - mean[b]);
      return s / (n - 1);
    }),
  );
  return { mean, cov };
}

/** Gauss–Jordan inverse with partial pivoting (a brute-force oracle, independent of the SVDs). */
export function invert(a: number[][]): number[][] {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    const piv = m[c][c];
    for (let j = 0; j < 2 * n; j++) m[c][j] /= piv;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c];
      for (let j = 0; j < 2 * n; j++) m[r][j] -= f * m[c][j];
    }
  }
  return m.map((row) => row.slice(n));
}

/**
 * Mean and covariance of a 2D density known up to a constant, by brute-force quadrature on a
 * (2·half/h + 1)² grid: the oracle for the posterior moments.
 */
export function quadratureMoments(
  density: (x: number, y: number) => number,
  half = 8,
  h = 0.01,
): { mean: number[]; cov: number[][] } {
  let z = 0;
  let m1 = 0;
  let m2 = 0;
  let s11 = 0;
  let s12 = 0;
  let s22 = 0;
  for (let a = -half; a <= half; a += h) {
    for (let b = -half; b <= half; b += h) {
      const p = density(a, b);
      z += p;
      m1 += p * a;
      m2 += p * b;
      s11 += p * a * a;
      s12 += p * a * b;
      s22 += p * b * b;
    }
  }
  const [u, v] = [m1 / z, m2 / z];
  return {
    mean: [u, v],
    cov: [
      [s11 / z - u * u, s12 / z - u * v],
      [s12 / z - u * v, s22 / z - v * v],
    ],
  };
}
