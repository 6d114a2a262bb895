/**
 * Exact identities between the exponential-integrator samplers and independent formulas:
 * DDIM (Song et al. 2021, eq. 12, η = 0, written here in VP form), DPM-Solver++(2M) as a
 * special case of SDE-DPM-Solver++(2M) (η = 0, midpoint) and of UniP-2 with B(h) = e^{−h} − 1.
 */
import { describe, expect, it } from 'vitest';
import { float64Host } from '../host';
import { normals } from '../rng';
import { karrasSigmas } from '../schedules/sigmas';
import { deis } from './deis';
import { runToEnd } from './driver';
import { dpmSolver } from './dpm-solver';
import { dpmppTwoM } from './dpmpp-2m';
import { dpmppTwoS } from './dpmpp-2s';
import { dpmppSde } from './dpmpp-sde';
import { mixtureDenoiser } from '../denoisers/gaussianMixture';
import { rmsDifference as rmsDiff } from './convergence';
import { runSampler, TEST_MIXTURE } from './exponential-integrator.testkit';
import type { SamplerDef, SamplerParams } from './types';
import { uniPc } from './unipc';

const denoise = mixtureDenoiser(TEST_MIXTURE);
const sigmas = karrasSigmas(12, 0.01, 40);
const xT = normals(11, 0, 40).map((v) => v * 40);

/** One deterministic DDIM step in VP coordinates z = √ᾱ·x, ᾱ = 1/(1 + σ²). */
function ddimStep(x: Float64Array, sigma: number, next: number): Float64Array {
  const ab = 1 / (1 + sigma * sigma);
  const abNext = 1 / (1 + next * next);
  const d = denoise(x, sigma);
  const z = x.map((v) => Math.sqrt(ab) * v);
  const eps = z.map((v, i) => (v - Math.sqrt(ab) * d[i]) / Math.sqrt(1 - ab));
  const zNext = d.map((v, i) => Math.sqrt(abNext) * v + Math.sqrt(1 - abNext) * eps[i]);
  return zNext.map((v) => v / Math.sqrt(abNext));
}

function trajectory(def: SamplerDef, params: SamplerParams, noiseSeed = 1) {
  return runSampler(def, params, sigmas, denoise, xT, noiseSeed).steps.map((s) => s.x);
}

function expectSameTrajectory(a: Float64Array[], b: Float64Array[], tol = 1e-12) {
  expect(a.length).toBe(b.length);
  a.forEach((x, i) => expect(rmsDiff(x, b[i])).toBeLessThanOrEqual(tol));
}

describe('first-order methods are DDIM (η = 0), step for step', () => {
  const ddim: Float64Array[] = [];
  let x: Float64Array = xT;
  for (let i = 0; i < sigmas.length - 1; i++)
    ddim.push((x = ddimStep(x, sigmas[i], sigmas[i + 1])));

  it('dpm-solver order 1', () => expectSameTrajectory(trajectory(dpmSolver, { order: 1 }), ddim));
  it('deis order 1', () => expectSameTrajectory(trajectory(deis, { order: 1 }), ddim));
  it('unipc p = 1 without corrector (UniP-1)', () =>
    expectSameTrajectory(trajectory(uniPc, { order: 1, corrector: false }), ddim));
  it('dpmpp-2s is not DDIM (its second evaluation matters)', () => {
    const twoS = trajectory(dpmppTwoS, { eta: 0 });
    expect(rmsDiff(twoS[3], ddim[3])).toBeGreaterThan(1e-4);
  });
});

describe('DPM-Solver++(2M) special cases', () => {
  const twoM = trajectory(dpmppTwoM, {});

  it('dpmpp-sde with η = 0 and the midpoint correction is DPM-Solver++(2M)', () => {
    expectSameTrajectory(trajectory(dpmppSde, { eta: 0, solverType: 'midpoint' }), twoM);
  });

  it('dpmpp-sde with η = 0 and the heun correction differs from it (a different second-order rule)', () => {
    const heun = trajectory(dpmppSde, { eta: 0, solverType: 'heun' });
    expect(rmsDiff(heun[4], twoM[4])).toBeGreaterThan(1e-5);
  });

  it('UniP-2 with B(h) = e^{−h} − 1 (corrector off) is DPM-Solver++(2M)', () => {
    expectSameTrajectory(trajectory(uniPc, { order: 2, corrector: false }), twoM);
  });

  it('the UniC corrector changes the trajectory from the second step on, never the first', () => {
    const withC = trajectory(uniPc, { order: 2, corrector: true });
    expect(rmsDiff(withC[0], twoM[0])).toBeLessThan(1e-12);
    expect(rmsDiff(withC[2], twoM[2])).toBeGreaterThan(1e-6);
  });
});

describe('determinism and noise use', () => {
  const throwingNoise = () => {
    throw new Error('a deterministic sampler drew noise');
  };
  const deterministic: [SamplerDef, SamplerParams][] = [
    [dpmSolver, { order: 3 }],
    [dpmppTwoM, {}],
    [dpmppTwoS, { eta: 0 }],
    [dpmppSde, { eta: 0, solverType: 'heun' }],
    [uniPc, { order: 3, corrector: true }],
    [deis, { order: 3 }],
  ];
  for (const [def, p] of deterministic) {
    it(`${def.id} ${JSON.stringify(p)} never draws noise and says it is deterministic`, () => {
      expect(def.stochastic(p)).toBe(false);
      const { x } = runToEnd({
        host: float64Host,
        sampler: def,
        params: p,
        grid: { sigmas },
        denoise,
        noise: throwingNoise,
        x: xT,
      });
      expect(x.every(Number.isFinite)).toBe(true);
    });
  }

  for (const [def, p] of [
    [dpmppTwoS, { eta: 1 }],
    [dpmppSde, { eta: 1, solverType: 'midpoint' }],
  ] as [SamplerDef, SamplerParams][]) {
    it(`${def.id} with η = 1 is stochastic: same seed same path, other seed other path`, () => {
      expect(def.stochastic(p)).toBe(true);
      const a = trajectory(def, p, 7);
      expectSameTrajectory(trajectory(def, p, 7), a, 0);
      expect(rmsDiff(trajectory(def, p, 8)[5], a[5])).toBeGreaterThan(1e-3);
    });
  }
});
