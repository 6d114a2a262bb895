import { describe, expect, it } from 'vitest';
import { sampleMixture } from '../data';
import { gaussianMixtureModel } from '../denoisers/gaussianMixture';
import { BENCHMARK_MIXTURE } from '../samplers/convergence';
import { sweep, type SweepEvent, type SweepResult, type SweepSpec } from './sweep';

const particles = 48;
const model = gaussianMixtureModel(BENCHMARK_MIXTURE);
const spec = (over: Partial<SweepSpec> = {}): SweepSpec => ({
  scene: {
    dataset: 'benchmark',
    process: 'edm',
    betaSchedule: 'linear',
    spacing: 'trailing',
    sigmaGrid: 'karras',
    particles,
    seed: 4,
  },
  samplers: [
    { id: 'euler', params: {} },
    { id: 'heun', params: {} },
    { id: 'ddpm', params: {} },
  ],
  budgets: [8, 16, 32, 64, 128],
  denoise: model.denoise,
  heldOut: sampleMixture(BENCHMARK_MIXTURE, particles, 99),
  ...over,
});

function runAll(s: SweepSpec): { events: SweepEvent[]; result: SweepResult } {
  const gen = sweep(s);
  const events: SweepEvent[] = [];
  for (;;) {
    const r = gen.next();
    if (r.done) return { events, result: r.value };
    events.push(r.value);
  }
}

describe('sweep', () => {
  const { events, result } = runAll(spec());

  it('reports the reference first, then one point per sampler and budget, with rising progress', () => {
    expect(events[0].kind).toBe('reference');
    expect(events).toHaveLength(1 + 3 * 5);
    const fractions = events.map((e) => e.fraction);
    expect(fractions.every((f, i) => i === 0 || f > fractions[i - 1])).toBe(true);
    expect(fractions.at(-1)).toBeCloseTo(1, 12);
    expect(result.floor.reference).toMatchObject({
      sigmaStart: 80,
      sigmaEnd: 0.002,
      tolerance: { rtol: 1e-6, atol: 1e-6 },
    });
  });

  it('keeps every run within its budget and scores stochastic samplers by distance only', () => {
    for (const p of result.points) {
      expect(p.nfe).toBeLessThanOrEqual(p.budget);
      expect(p.nfe).toBeGreaterThan(p.budget / 2);
      expect(p.endpointError === null).toBe(p.sampler === 2);
      expect(p.slicedW1).toBeGreaterThan(0);
    }
    expect(result.fits[2].endpoint).toBeNull();
  });

  it('measures the textbook orders on the endpoint error: Euler ≈ 1, Heun ≈ 2', () => {
    expect(result.fits[0].endpoint!.order).toBeGreaterThan(0.85);
    expect(result.fits[0].endpoint!.order).toBeLessThan(1.2);
    expect(result.fits[1].endpoint!.order).toBeGreaterThan(1.7);
    expect(result.fits[1].endpoint!.order).toBeLessThan(2.4);
  });

  it('brings every sampler close to the reference distribution as NFE grows', () => {
    for (let s = 0; s < 3; s++) {
      const line = result.points.filter((p) => p.sampler === s);
      expect(line.at(-1)!.energy).toBeLessThan(line[0].energy);
    }
    const heunLast = result.points.filter((p) => p.sampler === 1).at(-1)!;
    expect(heunLast.slicedW1).toBeCloseTo(result.floor.slicedW1, 3);
  });

  it('can be stopped between points', () => {
    const gen = sweep(spec({ samplers: [{ id: 'euler', params: {} }] }));
    expect(gen.next().value).toMatchObject({ kind: 'reference' });
    expect(gen.next().value).toMatchObject({ kind: 'point', point: { budget: 8 } });
    expect(gen.return(undefined as never).done).toBe(true);
  });

  it('rejects a held-out sample of the wrong size and a sampler that does not sample', () => {
    expect(() => sweep(spec({ heldOut: new Float64Array(10) })).next()).toThrow(/held-out/);
    expect(() => sweep(spec({ samplers: [{ id: 'ddim-inversion', params: {} }] })).next()).toThrow(
      /does not sample/,
    );
  });
});
