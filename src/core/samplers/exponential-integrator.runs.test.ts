/**
 * Run bookkeeping of the exponential-integrator samplers (NFE, history, step order,
 * parameter checks) and the stochastic ones against the exact Gaussian-data target.
 */
import { describe, expect, it } from 'vitest';
import { float64Host } from '../host';
import { float64Ops } from '../ops';
import { INITIAL_NOISE_KEY, normals } from '../rng';
import { karrasSigmas } from '../schedules/sigmas';
import { deis } from './deis';
import { runToEnd } from './driver';
import { dpmSolver } from './dpm-solver';
import { dpmppTwoM } from './dpmpp-2m';
import { dpmppTwoS } from './dpmpp-2s';
import { dpmppSde } from './dpmpp-sde';
import { mixtureDenoiser } from '../denoisers/gaussianMixture';
import { runSampler, TEST_MIXTURE } from './exponential-integrator.testkit';
import { gaussianDenoiser } from './sampler.testkit';
import type { Denoiser, SamplerDef, SamplerParams } from './types';
import { uniPc } from './unipc';

const sigmas = karrasSigmas(8, 0.02, 20);
const xT = normals(2, INITIAL_NOISE_KEY, 16).map((v) => v * 20);

const ALL: [SamplerDef, SamplerParams][] = [
  [dpmSolver, { order: 1 }],
  [dpmSolver, { order: 2 }],
  [dpmSolver, { order: 3 }],
  [dpmppTwoM, {}],
  [dpmppTwoS, { eta: 0.5 }],
  [dpmppSde, { eta: 1, solverType: 'heun' }],
  [uniPc, { order: 3, corrector: true }],
  [deis, { order: 3 }],
];

function counting(): { denoise: Denoiser<Float64Array>; calls: () => number } {
  const inner = mixtureDenoiser(TEST_MIXTURE);
  let n = 0;
  return {
    denoise: (x, s) => {
      n++;
      return inner(x, s);
    },
    calls: () => n,
  };
}

describe('NFE, history and inputs', () => {
  for (const [def, p] of ALL) {
    const name = `${def.id} ${JSON.stringify(p)}`;
    it(`${name}: reported NFE equals denoiser calls; nominal NFE on every step before σ = 0`, () => {
      const { denoise, calls } = counting();
      const { steps } = runSampler(def, p, sigmas, denoise, xT, 3);
      expect(steps.reduce((s, r) => s + r.nfe, 0)).toBe(calls());
      steps.slice(0, -1).forEach((r) => expect(r.nfe).toBe(def.nfePerStep(p)));
      expect(steps[steps.length - 1].nfe).toBe(1);
    });

    it(`${name}: leaves its input untouched and keeps the shape`, () => {
      const copy = Float64Array.from(xT);
      const run = def.create(
        { ops: float64Ops, denoise: counting().denoise, noise: (k) => normals(3, k, 16) },
        { sigmas },
        p,
      );
      const r = run.step(xT, 0);
      expect(Array.from(xT)).toEqual(Array.from(copy));
      expect(r.x.length).toBe(xT.length);
      expect(r.x0.length).toBe(xT.length);
    });

    it(`${name}: the final step onto σ = 0 lands on the denoiser output`, () => {
      const { steps } = runSampler(def, p, sigmas, counting().denoise, xT, 3);
      const last = steps[steps.length - 1];
      expect(Array.from(last.x)).toEqual(Array.from(last.x0));
    });
  }

  it('multistep history grows to the order and no further', () => {
    // [sampler, params, history depth, states held besides the outputs]:
    // UniPC's corrector also keeps the previous step's sample (UniC corrects it).
    const cases: [SamplerDef, SamplerParams, number, number][] = [
      [dpmppTwoM, {}, 1, 0],
      [dpmppSde, { eta: 0, solverType: 'midpoint' }, 1, 0],
      [uniPc, { order: 3, corrector: true }, 3, 1],
      [uniPc, { order: 3, corrector: false }, 3, 0],
      [deis, { order: 2 }, 2, 0],
      [dpmSolver, { order: 3 }, 0, 0],
    ];
    for (const [def, p, depth, held] of cases) {
      const run = def.create(
        { ops: float64Ops, denoise: counting().denoise, noise: (k) => normals(3, k, 16) },
        { sigmas },
        p,
      );
      runToEnd({
        care: float64Host,
        run,
        steps: sigmas.length - 1,
        x: xT,
        frame: (i) => expect(run.history().length).toBe(Math.min(i + 1, depth) + held),
      });
    }
  });

  it('multistep samplers refuse steps out of order', () => {
    for (const def of [dpmppTwoM, uniPc, deis] as SamplerDef[]) {
      const run = def.create(
        { ops: float64Ops, denoise: counting().denoise, noise: (k) => normals(3, k, 16) },
        { sigmas },
        def.defaults,
      );
      run.step(xT, 0);
      expect(() => run.step(xT, 2)).toThrow(/expected step 1/);
    }
  });

  it('rejects parameters outside their specs', () => {
    const make = (def: SamplerDef, p: SamplerParams) => () =>
      def.create(
        { ops: float64Ops, denoise: counting().denoise, noise: (k) => normals(3, k, 16) },
        { sigmas },
        p,
      );
    expect(make(dpmSolver, { order: 4 })).toThrow(/order/);
    expect(make(uniPc, { order: 0, corrector: true })).toThrow(/order/);
    expect(make(deis, { order: 5 })).toThrow(/order/);
    expect(make(dpmppTwoS, { eta: 1.5 })).toThrow(/eta/);
    expect(make(dpmppSde, { eta: 1, solverType: 'rk4' })).toThrow(/solverType/);
  });

  it('every parameter has a spec with a KaTeX string, and defaults cover the specs', () => {
    for (const def of [dpmSolver, dpmppTwoM, dpmppTwoS, dpmppSde, uniPc, deis] as SamplerDef[]) {
      for (const spec of def.params) {
        expect(spec.tex.length).toBeGreaterThan(10);
        expect(def.defaults).toHaveProperty(spec.key);
      }
    }
  });
});

describe('stochastic samplers reach N(μ, c²) from Gaussian data', () => {
  const mu = 0.4;
  const c = 0.5;
  const n = 10_000;
  // 100 Karras steps: at 30 the η = 1 SDE steps still inflate the std by 5–10 % (a discretisation bias that shrinks with N).
  const grid = karrasSigmas(100, 0.002, 80);
  const start = normals(9, INITIAL_NOISE_KEY, n).map((v) => v * 80);
  const cases: [SamplerDef, SamplerParams][] = [
    [dpmppTwoS, { eta: 1 }],
    [dpmppSde, { eta: 1, solverType: 'midpoint' }],
    [dpmppSde, { eta: 1, solverType: 'heun' }],
  ];
  for (const [def, p] of cases) {
    it(`${def.id} ${JSON.stringify(p)}: sample mean and std within sampling error of μ = ${mu}, c = ${c}`, () => {
      const { x } = runSampler(def, p, grid, gaussianDenoiser([mu], c), start, 4);
      const mean = x.reduce((a, v) => a + v, 0) / n;
      const std = Math.sqrt(x.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
      // 5 standard errors: c/√n = 0.005 for the mean, c/√(2n) = 0.0035 for the std (+ 0.0025 bias allowance).
      expect(Math.abs(mean - mu)).toBeLessThan(0.025);
      expect(Math.abs(std - c)).toBeLessThan(0.02);
    });
  }
});
