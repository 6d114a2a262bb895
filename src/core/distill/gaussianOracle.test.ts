import { describe, expect, it } from 'vitest';
import { consistencyCoefficients } from '../denoisers/consistency';
import { normals, uniformAt } from '../rng';
import { makeDiscreteVP } from '../schedules/discreteVP';
import type { Denoiser } from '../samplers/types';
import { consistencyPair, heunRows, karrasLevels } from './consistencyTraining';
import { ddimRows, progressiveBatch, uniformTGrid } from './progressive';

/**
 * Oracle: data N(μ, s²I). Its exact denoiser is D(x, σ) = μ + s²/(s² + σ²)·(x − μ), and the
 * PF-ODE carries x at σ_a to μ + sqrt((s² + σ_b²)/(s² + σ_a²))·(x − μ) at σ_b (the map is
 * affine). Every teacher step is then affine in x, so a student that is affine in x at each
 * level fits each target exactly by least squares: what remains is what distillation itself
 * does, compared with the closed form and with the teacher's own discretised map.
 */
const MU = [1, -0.5];
const S = 0.6;
const exact: Denoiser<Float64Array> = (x, sigma) =>
  x.map((v, j) => MU[j % 2] + ((S * S) / (S * S + sigma * sigma)) * (v - MU[j % 2]));
const odeMap = (x: number, j: number, from: number, to: number) =>
  MU[j % 2] + Math.sqrt((S * S + to * to) / (S * S + from * from)) * (x - MU[j % 2]);

/** Per coordinate c, the least-squares a_c, b_c of y ≈ a_c·x + b_c over the rows. */
type Affine = { a: number[]; b: number[] };
function fitAffine(x: Float64Array, y: Float64Array): Affine {
  const fit: Affine = { a: [], b: [] };
  for (const c of [0, 1]) {
    const xs = x.filter((_, j) => j % 2 === c);
    const ys = y.filter((_, j) => j % 2 === c);
    const mx = xs.reduce((p, v) => p + v, 0) / xs.length;
    const my = ys.reduce((p, v) => p + v, 0) / ys.length;
    let sxy = 0;
    let sxx = 0;
    xs.forEach((v, i) => {
      sxy += (v - mx) * (ys[i] - my);
      sxx += (v - mx) ** 2;
    });
    fit.a.push(sxy / sxx);
    fit.b.push(my - (sxy / sxx) * mx);
  }
  return fit;
}
const applyAffine = (f: Affine, x: Float64Array) => x.map((v, j) => f.a[j % 2] * v + f.b[j % 2]);

const schedule = makeDiscreteVP({ kind: 'linear', numTrainTimesteps: 1000 });
const sigmaMax = schedule.sigma(schedule.tMax);
const probe: Float64Array = Float64Array.from([-2, 3, 0.5, 0.25, 40, -90]);

describe('progressive distillation on Gaussian data (Salimans & Ho 2022, Algorithm 2)', () => {
  it('six rounds 64 → 1 give a one-step student equal to the teacher’s 64-step DDIM map', () => {
    const grid64 = uniformTGrid((t) => schedule.sigma(t), schedule.tMax, 64);
    let teacher = exact;
    let teacherGrid = grid64;
    const n = 64;
    for (let round = 0; teacherGrid.length > 2; round++) {
      const steps = (teacherGrid.length - 1) / 2;
      const fits = new Map<number, Affine>();
      for (let k = 0; k < steps; k++) {
        const key = 100 * round + k;
        const x0 = normals(7, key, 2 * n).map((z, j) => MU[j % 2] + S * z);
        const batch = progressiveBatch(
          teacher,
          teacherGrid,
          x0,
          normals(7, key + 50, 2 * n),
          new Int32Array(n).fill(k),
        );
        fits.set(teacherGrid[2 * k], fitAffine(batch.x, batch.target));
      }
      teacher = (x, sigma) => applyAffine(fits.get(sigma)!, x);
      teacherGrid = teacherGrid.filter((_, i) => i % 2 === 0);
    }
    const student = teacher(probe, sigmaMax);

    // Brute force: the exact denoiser's 64 DDIM steps.
    let x: Float64Array = probe;
    for (let i = 0; i < 64; i++) {
      const sig = new Float64Array(3).fill(grid64[i]);
      x = ddimRows(x, exact(x, grid64[i]), sig, new Float64Array(3).fill(grid64[i + 1]));
    }
    student.forEach((v, j) => expect(v).toBeCloseTo(x[j], 9));
    // The closed-form PF-ODE map, within the 64-step DDIM discretisation error of this schedule:
    // a slope error, proportional to |x − μ| (measured: at most 1.8e-4·|x − μ|).
    student.forEach((v, j) => {
      const truth = odeMap(probe[j], j, sigmaMax, 0);
      expect(Math.abs(v - truth)).toBeLessThan(2.5e-4 * Math.abs(probe[j] - MU[j % 2]));
    });
  });
});

/** A consistency model whose F is affine per level: f = c_skip·x + c_out·F (EDM coefficients). */
function trainConsistency(teacher: Denoiser<Float64Array> | null, levels: number[], n: number) {
  const params = { sigmaMin: levels[0], sigmaData: S };
  const f = (fits: Map<number, Affine>, x: Float64Array, sigma: number) => {
    if (sigma === levels[0]) return x; // the boundary condition f(x, σ_min) = x
    const { cSkip, cOut } = consistencyCoefficients(sigma, params);
    return applyAffine(fits.get(sigma)!, x).map((v, j) => cSkip * x[j] + cOut * v);
  };
  const online = new Map<number, Affine>();
  const target = new Map<number, Affine>();
  for (const s of levels.slice(1)) {
    online.set(s, { a: [0, 0], b: [0, 0] });
    target.set(s, { a: [0, 0], b: [0, 0] });
  }
  const decay = 0.9;
  for (let epoch = 0; epoch < 150; epoch++) {
    for (let r = 0; r < levels.length - 1; r++) {
      const key = 1000 * epoch + r;
      const level = Math.floor(uniformAt(3, key, 0) * (levels.length - 1));
      const x0 = normals(3, key, 2 * n).map((z, j) => MU[j % 2] + S * z);
      const pair = consistencyPair(
        teacher,
        levels,
        x0,
        normals(3, key + 500_000, 2 * n),
        new Int32Array(n).fill(level),
      );
      const sigma = levels[level + 1];
      const { cSkip, cOut } = consistencyCoefficients(sigma, params);
      const y = f(target, pair.xTarget, levels[level]);
      online.set(
        sigma,
        fitAffine(
          pair.x,
          y.map((v, j) => (v - cSkip * pair.x[j]) / cOut),
        ),
      );
      for (const [s, t] of target) {
        const o = online.get(s)!;
        target.set(s, {
          a: t.a.map((v, c) => decay * v + (1 - decay) * o.a[c]),
          b: t.b.map((v, c) => decay * v + (1 - decay) * o.b[c]),
        });
      }
    }
  }
  return (x: Float64Array, sigma: number) => f(target, x, sigma);
}

describe('consistency models on Gaussian data (Song et al. 2023)', () => {
  const levels = karrasLevels(18, 0.002, 80);
  const top = levels[levels.length - 1];
  const column = (v: number) => new Float64Array(3).fill(v);

  it('distillation (Algorithm 2, Heun teacher, EMA target) learns the teacher’s Heun map', () => {
    const model = trainConsistency(exact, levels, 64);
    let x: Float64Array = probe;
    for (let i = levels.length - 1; i > 0; i--)
      x = heunRows(exact, x, column(levels[i]), column(levels[i - 1]));
    const oneStep = model(probe, top);
    oneStep.forEach((v, j) => expect(v).toBeCloseTo(x[j], 6));
    // 17 Heun steps on the Karras grid against the closed form: the error is a slope error,
    // proportional to |x − μ| (measured: 3.9e-4·|x − μ|).
    oneStep.forEach((v, j) => {
      const truth = odeMap(probe[j], j, top, levels[0]);
      expect(Math.abs(v - truth)).toBeLessThan(5e-4 * Math.abs(probe[j] - MU[j % 2]));
    });
  });

  it('training (Algorithm 3, no teacher) approaches the Euler map of the exact denoiser', () => {
    // E[x0 + σ_n·z | x_{n+1}] is one Euler step of the exact PF ODE (Song et al. 2023, Theorem 2's
    // argument), so the least-squares fit converges to the Euler chain, up to the Monte Carlo
    // error of 1,000 rows per fit (measured: 1.2e-2 at most).
    const model = trainConsistency(null, levels, 1000);
    let x: Float64Array = probe;
    for (let i = levels.length - 1; i > 0; i--)
      x = ddimRows(x, exact(x, levels[i]), column(levels[i]), column(levels[i - 1]));
    model(probe, top).forEach((v, j) => expect(Math.abs(v - x[j])).toBeLessThan(3e-2));
  });
});
