import { float64Host } from '../host';
import { float64Ops, type ArrayOps } from '../ops';
import { INITIAL_NOISE_KEY, normals } from '../rng';
import { Stepper } from '../samplers/driver';
import type { Denoiser, SamplerParams, SamplingGrid } from '../samplers/types';
import { resolveSampler } from '../scene/build';

/**
 * The single-step debugger's record of one sampler step for one particle. Every sampler
 * update is a chain of linear combinations (ArrayOps.lincomb) of the state, denoiser
 * outputs, noise draws and arrays kept from earlier steps, so replaying the run with ops and
 * a denoiser that record what they are given recovers the update equation with its numbers,
 * for any sampler, without the sampler exposing more than its StepResult.
 */
export interface TraceVector {
  /** TeX symbol: x_{i}, x_{i+1}, D_k (k-th evaluation), d_k (a displacement), \tilde x_k, z_k, …^{[j]}. */
  symbol: string;
  value: [number, number];
  /**
   * 1 for points (the state, denoiser outputs and their affine combinations), 0 for
   * displacements (derivatives, noise): the combination's coefficient sum over its terms'
   * weights.
   */
  weight: number;
  kind: 'state' | 'eval' | 'noise' | 'combo' | 'history';
  /** The step that made it: the traced step, or an earlier one for history vectors. */
  step: number;
}

export interface TraceEval {
  input: number;
  sigma: number;
  output: number;
}

export interface TraceCombo {
  output: number;
  terms: { coef: number; vector: number }[];
}

export interface StepTrace {
  sampler: string;
  step: number;
  particle: number;
  sigma: number;
  sigmaNext: number;
  nfe: number;
  /** Every vector the step touched (indices below); 0 is the state x_i. */
  vectors: TraceVector[];
  /** Denoiser evaluations in call order. */
  evals: TraceEval[];
  /** Linear combinations in call order. */
  combos: TraceCombo[];
  state: number;
  next: number;
  x0: number;
  derivative: number | null;
}

export interface TraceSpec {
  id: string;
  params: SamplerParams;
  grid: SamplingGrid;
  denoise: Denoiser<Float64Array>;
  seed: number;
  particle: number;
  step: number;
}

interface Entry {
  step: number;
  kind: TraceVector['kind'];
  /** Creation order within its step. */
  order: number;
  weight: number;
  terms?: { coef: number; array: Float64Array }[];
  input?: Float64Array;
  sigma?: number;
  symbol?: string;
}

/** Elements 2p, 2p + 1 of stream `key`: counter-based, so the same as in the n-particle run. */
function particleNormals(seed: number, key: number, particle: number): Float64Array {
  return normals(seed, key, 2 * particle + 2).slice(2 * particle);
}

/**
 * Replays steps 0..spec.step of a sampler on one particle (its x_T and its noise are the
 * same elements as in the full run, rng.ts) and records the last step. Exact for every
 * sampler whose particles do not interact; an adaptive solver (rk45) picks its steps from
 * all particles together, so the lab does not offer it.
 */
export function traceStep(spec: TraceSpec): StepTrace {
  const { def, params } = resolveSampler(spec.id, spec.params);
  const sigmas = spec.grid.sigmas;
  const last = sigmas.length - 2;
  if (!Number.isInteger(spec.step) || spec.step < 0 || spec.step > last)
    throw new Error(`traceStep: step ${spec.step} outside 0..${last}`);
  if (!Number.isInteger(spec.particle) || spec.particle < 0)
    throw new Error(`traceStep: particle ${spec.particle} is not an index`);

  const entries = new Map<Float64Array, Entry>();
  let step = 0;
  let order = 0;
  const add = (array: Float64Array, entry: Omit<Entry, 'step' | 'order'>) => {
    entries.set(array, { ...entry, step, order: order++ });
    return array;
  };
  const weightOf = (a: Float64Array) => entries.get(a)?.weight ?? 1;
  const ops: ArrayOps<Float64Array> = {
    ...float64Ops,
    lincomb(terms) {
      const out = float64Ops.lincomb(terms);
      const weight = terms.reduce((s, [c, a]) => s + c * weightOf(a), 0);
      return add(out, {
        kind: 'combo',
        weight,
        terms: terms.map(([coef, array]) => ({ coef, array })),
      });
    },
    mul: (a, b) => add(float64Ops.mul(a, b), { kind: 'combo', weight: 1 }),
    clip: (x, lo, hi) => add(float64Ops.clip(x, lo, hi), { kind: 'combo', weight: 1 }),
  };
  const denoise = (x: Float64Array, sigma: number) =>
    add(spec.denoise(x, sigma), { kind: 'eval', weight: 1, input: x, sigma });
  const noise = (key: number) =>
    add(particleNormals(spec.seed, key, spec.particle), { kind: 'noise', weight: 0 });

  /** The state before the step being recorded, entered first among that step's arrays. */
  const enter = (state: Float64Array) => {
    order = 0;
    return add(state, { kind: 'state', weight: 1 });
  };
  let x: Float64Array = particleNormals(spec.seed, INITIAL_NOISE_KEY, spec.particle).map(
    (v) => v * sigmas[0],
  );
  let traced: StepTrace | undefined;
  const stepper = new Stepper({
    host: { ...float64Host, ops },
    sampler: def,
    params,
    grid: spec.grid,
    denoise,
    noise,
    x,
    frame: (i, r) => {
      nameStep(entries, i, r.x);
      if (i === spec.step) {
        traced = buildTrace(spec, def.id, entries, x, r);
        return;
      }
      step = i + 1;
      x = enter(r.x);
    },
  });
  enter(x);
  while (!traced && stepper.next());
  if (!traced) throw new Error('traceStep: unreachable');
  return traced;
}

/** Local symbols for the arrays a step made: D_k, z_k, d_k (displacements), \tilde x_k (points). */
function nameStep(entries: Map<Float64Array, Entry>, step: number, result: Float64Array): void {
  const made = [...entries]
    .filter(([, e]) => e.step === step)
    .sort((a, b) => a[1].order - b[1].order);
  const evals = made.filter(([, e]) => e.kind === 'eval').length;
  const counters = { eval: 0, noise: 0, disp: 0, point: 0 };
  for (const [array, e] of made) {
    if (e.kind === 'state') e.symbol = `x_{${step}}`;
    else if (array === result && e.kind === 'combo') e.symbol = `x_{${step + 1}}`;
    else if (e.kind === 'eval') e.symbol = evals === 1 ? 'D' : `D_{${++counters.eval}}`;
    else if (e.kind === 'noise') e.symbol = `z_{${++counters.noise}}`;
    else if (Math.abs(e.weight) < 1e-9) e.symbol = `d_{${++counters.disp}}`;
    else e.symbol = `\\tilde x_{${++counters.point}}`;
  }
}

function buildTrace(
  spec: TraceSpec,
  sampler: string,
  entries: Map<Float64Array, Entry>,
  state: Float64Array,
  r: { x: Float64Array; x0: Float64Array; derivative?: Float64Array; nfe: number },
): StepTrace {
  const i = spec.step;
  const vectors: TraceVector[] = [];
  const index = new Map<Float64Array, number>();
  const indexOf = (array: Float64Array): number => {
    const known = index.get(array);
    if (known !== undefined) return known;
    const e = entries.get(array);
    const earlier = e !== undefined && e.step < i;
    vectors.push({
      symbol: !e ? '?' : earlier ? `${e.symbol}^{[${e.step}]}` : (e.symbol ?? '?'),
      value: [array[0], array[1]],
      weight: e?.weight ?? 1,
      kind: earlier ? 'history' : (e?.kind ?? 'history'),
      step: e?.step ?? -1,
    });
    index.set(array, vectors.length - 1);
    return vectors.length - 1;
  };
  indexOf(state);
  const made = [...entries].filter(([, e]) => e.step === i).sort((a, b) => a[1].order - b[1].order);
  const evals: TraceEval[] = [];
  const combos: TraceCombo[] = [];
  for (const [array, e] of made) {
    if (e.kind === 'eval')
      evals.push({ input: indexOf(e.input!), sigma: e.sigma!, output: indexOf(array) });
    else if (e.kind === 'combo' && e.terms)
      combos.push({
        terms: e.terms.map((t) => ({ coef: t.coef, vector: indexOf(t.array) })),
        output: indexOf(array),
      });
    else indexOf(array);
  }
  return {
    sampler,
    step: i,
    particle: spec.particle,
    sigma: spec.grid.sigmas[i],
    sigmaNext: spec.grid.sigmas[i + 1],
    nfe: r.nfe,
    vectors,
    evals,
    combos,
    state: 0,
    next: indexOf(r.x),
    x0: indexOf(r.x0),
    derivative: r.derivative ? indexOf(r.derivative) : null,
  };
}
