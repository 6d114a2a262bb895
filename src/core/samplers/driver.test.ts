import { describe, expect, it } from 'vitest';
import { float64Host, type ArrayHost } from '../host';
import { float64Ops, type ArrayOps } from '../ops';
import { normals } from '../rng';
import { vpProcess } from '../schedules/continuous';
import { karrasSigmas } from '../schedules/sigmas';
import { AsyncStepper, runToEnd, runToEndAsync, Stepper, type RunSpec } from './driver';
import { SAMPLERS, requireSampler } from './registry';
import type { SamplerDef, SamplerParams, SamplerRun, SamplingGrid } from './types';

type F64 = Float64Array;
const SIZE = 8;
const grid: SamplingGrid = { sigmas: karrasSigmas(6, 0.05, 20), process: vpProcess() };
const STEPS = grid.sigmas.length - 1;

/**
 * A host that frees like tfjs and keeps count: every array made through it is live until released
 * (explicitly, or by `scoped` when the scope does not keep it); a released array is poisoned with
 * NaN, so a run that goes on using one ends somewhere else, and using or releasing it again is
 * recorded as a fault.
 */
function countingHost() {
  const live = new Set<F64>();
  const faults: string[] = [];
  let scope: F64[] | null = null;
  const made = (a: F64) => {
    live.add(a);
    scope?.push(a);
    return a;
  };
  const use = (...arrays: F64[]) => {
    for (const a of arrays) if (!live.has(a)) faults.push('used a released array');
  };
  const free = (a: F64) => {
    if (!live.delete(a)) faults.push('released an array twice');
    a.fill(NaN);
  };
  const ops: ArrayOps<F64> = {
    lincomb: (terms) => {
      use(...terms.map(([, a]) => a));
      return made(float64Ops.lincomb(terms));
    },
    mul: (a, b) => (use(a, b), made(float64Ops.mul(a, b))),
    clip: (x, lo, hi) => (use(x), made(float64Ops.clip(x, lo, hi))),
    meanSquare: (x) => (use(x), float64Ops.meanSquare(x)),
    errorNorm: (err, a, b, atol, rtol, scale) => (
      use(err, a, b),
      float64Ops.errorNorm(err, a, b, atol, rtol, scale)
    ),
  };
  const host: ArrayHost<F64, F64> = {
    ops,
    fromFloat64: (x) => made(Float64Array.from(x)),
    read: (x) => (use(x), x),
    scoped(fn, keep) {
      const mine: F64[] = [];
      scope = mine;
      let kept = new Set<F64>();
      try {
        const v = fn();
        kept = new Set(keep(v));
        return v;
      } finally {
        scope = null;
        for (const a of mine) if (!kept.has(a) && live.has(a)) free(a);
      }
    },
    release: (arrays) => {
      for (const a of arrays) free(a);
    },
  };
  return { host, live, faults };
}

/** D(x, σ) = x / (1 + σ²), exact for N(0, I) data, made through the host like a network's. */
const gaussianDenoise = (ops: ArrayOps<F64>) => (x: F64, sigma: number) =>
  ops.lincomb([[1 / (1 + sigma * sigma), x]]);

/** A run of `def` on `host`; `runs` collects the sampler's run objects (to ask their history). */
function spec(
  host: ArrayHost<F64>,
  def: SamplerDef,
  params: SamplerParams = def.defaults,
  runs: SamplerRun<F64>[] = [],
): RunSpec<F64> {
  const spy: SamplerDef = {
    ...def,
    create: (ctx, g, p) => {
      const run = def.create(ctx, g, p);
      runs.push(run as SamplerRun<unknown> as SamplerRun<F64>);
      return run;
    },
  };
  return {
    host,
    sampler: spy,
    params,
    grid,
    denoise: gaussianDenoise(host.ops),
    noise: (key) => host.fromFloat64(normals(3, key, SIZE)),
    x: host.fromFloat64(normals(1, 0, SIZE).map((v) => v * grid.sigmas[0])),
  };
}

const plainEndpoint = (def: SamplerDef, params?: SamplerParams) =>
  runToEnd(spec(float64Host, def, params)).x;

describe('the sampling driver frees exactly what a run no longer holds', () => {
  it.each(SAMPLERS.map((d) => [d.id, d] as const))(
    '%s: every step holds its state and history only; a full run leaves only the final x',
    (_id, def) => {
      const { host, live, faults } = countingHost();
      const runs: SamplerRun<F64>[] = [];
      const stepper = new Stepper({
        ...spec(host, def, def.defaults, runs),
        // The step's arrays are still there for the frame to read.
        frame: (_i, r) => {
          for (const a of [r.x, r.x0, r.derivative]) if (a) host.read(a);
        },
      });
      while (stepper.next()) {
        expect(new Set(live)).toEqual(new Set([stepper.x, ...runs[0].history()]));
      }
      const done = stepper.finish();
      expect([...live]).toEqual([done.x]);
      expect(faults).toEqual([]);
      // Nothing the run still needed was freed (a freed array is NaN, and the end would be too).
      expect(Array.from(done.x)).toEqual(Array.from(plainEndpoint(def)));
    },
  );

  it('keeps multistep history alive until the run drops it (UniPC with its corrector)', () => {
    const { host, live, faults } = countingHost();
    const runs: SamplerRun<F64>[] = [];
    const def = requireSampler('unipc');
    const params = { ...def.defaults, order: 3, corrector: true };
    const stepper = new Stepper(spec(host, def, params, runs));
    let held = 0;
    while (stepper.next()) {
      held = Math.max(held, runs[0].history().length);
      for (const a of runs[0].history()) expect(live.has(a)).toBe(true);
    }
    expect(held).toBeGreaterThan(1);
    stepper.dispose();
    expect(live.size).toBe(0);
    expect(faults).toEqual([]);
  });

  it('runToEnd releases everything but the returned x, and reports the NFE', () => {
    const { host, live, faults } = countingHost();
    const done = runToEnd(spec(host, requireSampler('dpmpp-2m')));
    expect([...live]).toEqual([done.x]);
    expect(done.nfe).toBe(STEPS);
    expect(faults).toEqual([]);
  });

  it('a run disposed after k steps (cancelled) leaks nothing', async () => {
    for (const id of ['plms', 'heun', 'dpmpp-2m']) {
      const { host, live, faults } = countingHost();
      const stepper = new Stepper(spec(host, requireSampler(id)));
      for (let k = 0; k < 3; k++) stepper.next();
      expect(live.size).toBeGreaterThan(0);
      stepper.dispose();
      expect(live.size, id).toBe(0);
      expect(faults).toEqual([]);
    }
    const { host, live, faults } = countingHost();
    let frames = 0;
    const done = await runToEndAsync(
      {
        ...spec(host, requireSampler('ipndm')),
        frame: async () => {
          frames++;
        },
      },
      { isCancelled: () => frames >= 3, between: async () => {} },
    );
    expect(done).toBeNull();
    expect(frames).toBe(3);
    expect(live.size).toBe(0);
    expect(faults).toEqual([]);
  });

  it('a frame hook that throws leaks nothing, synchronous or not', async () => {
    const boom = (i: number) => {
      if (i === 2) throw new Error('diverged');
    };
    for (const id of ['lms', 'heun', 'euler']) {
      const { host, live, faults } = countingHost();
      expect(() => runToEnd({ ...spec(host, requireSampler(id)), frame: boom })).toThrow(
        'diverged',
      );
      expect(live.size, id).toBe(0);
      expect(faults).toEqual([]);
    }
    const { host, live, faults } = countingHost();
    const runs: SamplerRun<F64>[] = [];
    const stepper = new AsyncStepper({
      ...spec(host, requireSampler('dpmpp-2m'), {}, runs),
      frame: async (i) => boom(i),
    });
    await stepper.next();
    await stepper.next();
    const before = new Set(live);
    await expect(stepper.next()).rejects.toThrow('diverged');
    // The failed step's arrays are gone; the run still holds its previous state, until dispose.
    expect(new Set(live)).toEqual(before);
    stepper.dispose();
    expect(live.size).toBe(0);
    expect(faults).toEqual([]);
  });

  it('a sampler that refuses to start releases the start state it was given', () => {
    const { host, live, faults } = countingHost();
    const refusing: SamplerDef = {
      ...requireSampler('euler'),
      create: () => {
        throw new Error('bad grid');
      },
    };
    expect(() => runToEnd(spec(host, refusing))).toThrow('bad grid');
    expect(live.size).toBe(0);
    expect(faults).toEqual([]);
  });

  it('runToEndAsync awaits every frame and yields after each step', async () => {
    const { host, live } = countingHost();
    const events: string[] = [];
    const done = await runToEndAsync(
      {
        ...spec(host, requireSampler('heun')),
        frame: async (i, _r, nfe) => {
          events.push(`frame ${i} nfe ${nfe}`);
        },
      },
      { isCancelled: () => false, between: async () => void events.push('yield') },
    );
    expect(done?.nfe).toBe(2 * STEPS - 1);
    expect(events.slice(0, 4)).toEqual(['frame 0 nfe 2', 'yield', 'frame 1 nfe 4', 'yield']);
    expect(events.length).toBe(2 * STEPS);
    expect([...live]).toEqual([done?.x]);
  });
});
