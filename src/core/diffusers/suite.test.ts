/**
 * The contract every diffusers port keeps, run over each class fromDiffusersConfig
 * supports (the generic half of diffusers' SchedulerCommonTest, test_schedulers.py):
 * output shapes, untouched inputs, seeded noise used exactly when a step is stochastic,
 * reports of the config keys a port ignores, and the step counts setTimesteps accepts.
 * Each class's parity with diffusers' pinned numbers lives in its own test file.
 */
import { describe, expect, it } from 'vitest';
import { normals, noiseKey } from '../rng';
import { BATCH, ELEMS_1D, dummySampleDeter } from './diffusers.testkit';
import { SUPPORTED_SCHEDULERS, fromDiffusersConfig } from './index';
import type { DiffusersScheduler, StepOptions, StepOutput } from './scheduler';

interface Case {
  label: string;
  config: Readonly<Record<string, unknown>>;
  /** Step options of the run (DDIM's `eta` rides along as DDIMScheduler.step takes it). */
  options: StepOptions & { eta?: number };
  /** Whether a step draws noise (DDPM, ancestral, churn, η > 0, the SDE solvers). */
  stochastic: boolean;
  /** The smallest step count setTimesteps takes (PNDM's PRK warm-up needs 4). */
  minSteps: number;
  /** EDM's σ grid is continuous: setTimesteps has no upper bound there. */
  maxSteps: 'numTrainTimesteps' | 'none';
}

const row = (className: string, over: Partial<Case> = {}): Case => ({
  label: className,
  config: { _class_name: className },
  options: {},
  stochastic: false,
  minSteps: 1,
  maxSteps: 'numTrainTimesteps',
  ...over,
});

const DEFAULTS: Readonly<Record<string, Partial<Case>>> = {
  DDPMScheduler: { stochastic: true },
  EulerAncestralDiscreteScheduler: { stochastic: true },
  PNDMScheduler: { minSteps: 4 },
  EDMEulerScheduler: { maxSteps: 'none' },
};

/** Every supported class at its defaults, then the stochastic variants of deterministic ones. */
const CASES: readonly Case[] = [
  ...SUPPORTED_SCHEDULERS.map((name) => row(name, DEFAULTS[name])),
  row('DDIMScheduler', { label: 'DDIMScheduler, eta 1', options: { eta: 1 }, stochastic: true }),
  row('EulerDiscreteScheduler', {
    label: 'EulerDiscreteScheduler, s_churn 1',
    options: { sChurn: 1 },
    stochastic: true,
  }),
  row('EDMEulerScheduler', {
    label: 'EDMEulerScheduler, s_churn 1',
    options: { sChurn: 1 },
    stochastic: true,
    maxSteps: 'none',
  }),
  ...['DPMSolverMultistepScheduler', 'DPMSolverSinglestepScheduler'].map((name) =>
    row(name, {
      label: `${name}, sde-dpmsolver++`,
      config: { _class_name: name, algorithm_type: 'sde-dpmsolver++' },
      stochastic: true,
    }),
  ),
];

const STEPS = 10;
const N = ELEMS_1D;
const sample = () => dummySampleDeter(N);

/** A bounded stand-in for the network: its output depends on the input and the timestep. */
const model = (x: Float64Array, t: number): Float64Array =>
  x.map((v, i) => 0.5 * Math.tanh(v) + 0.01 * Math.sin(i + t));

/** Bit equality (Object.is per element), cheaper than toEqual inside the step loop. */
const sameBits = (a: Float64Array | undefined, b: Float64Array | undefined): boolean =>
  a === b || (!!a && !!b && a.length === b.length && a.every((v, i) => Object.is(v, b[i])));

/** Draws the step noise from rng.ts's stream `seed`, counting the calls. */
function seeded(seed: number) {
  let calls = 0;
  const generator = (n: number) => normals(seed, noiseKey(calls++), n);
  return { generator, calls: () => calls };
}

/** A frozen config: a constructor that wrote to it would throw (ES modules are strict). */
const make = (c: Case): DiffusersScheduler => fromDiffusersConfig(Object.freeze({ ...c.config }));

interface Run {
  x: Float64Array;
  /** Every step's output, in order. */
  outputs: StepOutput[];
}

/**
 * x_T = initNoiseSigma · (the deterministic sample), then the loop of diffusers'
 * pipelines; every input is copied before each call and compared after it.
 */
function run(c: Case, s: DiffusersScheduler, options: StepOptions & { eta?: number }): Run {
  s.setTimesteps(STEPS);
  let x: Float64Array = sample().map((v) => v * s.initNoiseSigma);
  const outputs: StepOutput[] = [];
  for (const t of s.timesteps) {
    const xIn = x.slice();
    const scaled = s.scaleModelInput(x, t);
    expect(sameBits(x, xIn), `${c.label}: scaleModelInput mutated its input at t=${t}`).toBe(true);
    expect(scaled, 'scaleModelInput returns a new array').not.toBe(x);
    const out = model(scaled, t);
    const outIn = out.slice();
    const noiseIn = options.noise?.slice();
    const r = s.step(out, t, x, { batchSize: BATCH, ...options });
    expect(sameBits(x, xIn), `${c.label}: step mutated the sample at t=${t}`).toBe(true);
    expect(sameBits(out, outIn), `${c.label}: step mutated the model output at t=${t}`).toBe(true);
    expect(sameBits(options.noise, noiseIn), `${c.label}: step mutated the noise`).toBe(true);
    expect(r.prevSample, 'prevSample is a new array').not.toBe(x);
    outputs.push(r);
    x = r.prevSample;
  }
  return { x, outputs };
}

function seededRun(c: Case, seed: number, s = make(c)): Run & { generatorCalls: number } {
  const g = seeded(seed);
  const r = run(c, s, { ...c.options, generator: g.generator });
  return { ...r, generatorCalls: g.calls() };
}

describe('every supported class has a row at its defaults', () => {
  it('CASES covers SUPPORTED_SCHEDULERS', () => {
    const atDefaults = CASES.filter((c) => c.label === c.config._class_name).map((c) => c.label);
    expect([...atDefaults].sort()).toEqual([...SUPPORTED_SCHEDULERS].sort());
  });
});

describe.each(CASES)('$label', (c) => {
  it('keeps the sample shape and returns finite values', () => {
    const s = make(c);
    const { outputs } = seededRun(c, 1, s);
    expect(outputs).toHaveLength(s.timesteps.length);
    for (const o of outputs) {
      expect(o.prevSample).toHaveLength(N);
      expect(o.predOriginalSample).toHaveLength(N);
      expect(o.prevSample.every(Number.isFinite)).toBe(true);
      expect(o.predOriginalSample.every(Number.isFinite)).toBe(true);
    }
    const x0 = sample();
    const eps = normals(3, 0, N);
    const [x0In, epsIn] = [x0.slice(), eps.slice()];
    const noisy = s.addNoise(x0, eps, s.timesteps[0]);
    expect(noisy).toHaveLength(N);
    expect(noisy.every(Number.isFinite)).toBe(true);
    expect([x0, eps], 'addNoise mutated its inputs').toEqual([x0In, epsIn]);
  });

  it('does not mutate the sample, model output, noise or config it is given', () => {
    // run() compares every input before and after each call; make() freezes the config.
    run(c, make(c), { ...c.options, noise: normals(5, 0, N) });
  });

  it('is bit-identical for the same seed, also after setTimesteps starts a new run', () => {
    const s = make(c);
    const first = seededRun(c, 11, s).x;
    expect(seededRun(c, 11).x).toEqual(first);
    expect(seededRun(c, 11, s).x).toEqual(first);
  });

  if (c.stochastic) {
    it('draws step noise from its generator: another seed, another result', () => {
      const a = seededRun(c, 11);
      expect(a.generatorCalls).toBeGreaterThan(0);
      expect(seededRun(c, 12).x).not.toEqual(a.x);
    });

    it('uses exactly the noise it is given: options.noise equals a generator returning it', () => {
      const z = normals(7, 1, N);
      const viaNoise = run(c, make(c), { ...c.options, noise: z }).x;
      const viaGenerator = run(c, make(c), { ...c.options, generator: () => z.slice() }).x;
      expect(viaNoise).toEqual(viaGenerator);
    });

    it('refuses a stochastic step without noise or a generator, naming the class', () => {
      const s = make(c);
      s.setTimesteps(STEPS);
      const t = s.timesteps[0];
      const x = sample();
      expect(() => s.step(model(x, t), t, x, c.options)).toThrow(/noise/);
    });
  } else {
    it('never draws noise: every seed, and no generator at all, give the same bits', () => {
      const a = seededRun(c, 11);
      expect(a.generatorCalls).toBe(0);
      expect(seededRun(c, 12).x).toEqual(a.x);
      expect(run(c, make(c), c.options).x).toEqual(a.x);
    });
  }

  it('reports unknown config keys by name and skips _-prefixed metadata', () => {
    const s = fromDiffusersConfig({
      ...c.config,
      _diffusers_version: '0.30.0',
      _name_or_path: 'somewhere',
      not_a_diffusers_key: 1,
    });
    expect(s.className).toBe(c.config._class_name);
    expect(s.unsupportedKeys).toEqual(['not_a_diffusers_key']);
    expect(s.warnings).toHaveLength(1);
    expect(s.warnings[0]).toContain(`${s.className}: config.not_a_diffusers_key`);
    const clean = make(c);
    expect([clean.unsupportedKeys, clean.warnings]).toEqual([[], []]);
  });

  it('refuses a config value of the wrong type, naming the key', () => {
    expect(() => fromDiffusersConfig({ ...c.config, num_train_timesteps: 'many' })).toThrow(
      /config\.num_train_timesteps must be an integer/,
    );
  });

  it('refuses step counts it cannot run with a clear message, leaving the run as it was', () => {
    const s = make(c);
    s.setTimesteps(c.minSteps);
    const before = [...s.timesteps];
    const refused = [0, -1, 2.5, NaN, Infinity];
    if (c.maxSteps === 'numTrainTimesteps') refused.push(s.numTrainTimesteps + 1);
    for (const n of refused) {
      expect(() => s.setTimesteps(n), `setTimesteps(${n})`).toThrow(
        new RegExp(`^${s.className}\\.setTimesteps: numInferenceSteps must be an? .*, got ${n}$`),
      );
      expect(s.timesteps).toEqual(before);
    }
    s.setTimesteps(s.numTrainTimesteps);
    if (c.maxSteps === 'none') s.setTimesteps(s.numTrainTimesteps + 1);
  });
});
