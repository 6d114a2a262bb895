import { float64Host } from '../host';
import { float64Ops } from '../ops';
import { INITIAL_NOISE_KEY, normals } from '../rng';
import { runToEnd } from './driver';
import type {
  Denoiser,
  SamplerContext,
  SamplerDef,
  SamplerParams,
  SamplingGrid,
  StepResult,
} from './types';

/**
 * Test helpers for the samplers: a closed-form denoiser for Gaussian data N(μ, c²I),
 * the exact probability-flow ODE solution for it, and a float64 context that counts
 * denoiser calls.
 */

/** Exact D(x, σ) = μ + c²/(c²+σ²)·(x − μ) for data N(μ, c²I); state is n points × d dims, flat. */
export function gaussianDenoiser(mu: readonly number[], c: number): Denoiser<Float64Array> {
  const d = mu.length;
  return (x, sigma) => {
    const k = (c * c) / (c * c + sigma * sigma);
    const out = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = mu[i % d] + k * (x[i] - mu[i % d]);
    return out;
  };
}

/** Exact PF-ODE flow for Gaussian data: x(σ) = μ + (x_T − μ)·sqrt(c²+σ²)/sqrt(c²+σ_T²). */
export function exactGaussianFlow(
  xT: Float64Array,
  mu: readonly number[],
  c: number,
  sigmaT: number,
  sigma: number,
): Float64Array {
  const r = Math.sqrt(c * c + sigma * sigma) / Math.sqrt(c * c + sigmaT * sigmaT);
  return xT.map((v, i) => mu[i % mu.length] + (v - mu[i % mu.length]) * r);
}

export interface CountingContext extends SamplerContext<Float64Array> {
  calls(): number;
}

export function countingContext(
  denoise: Denoiser<Float64Array>,
  seed: number,
  size: number,
): CountingContext {
  let calls = 0;
  return {
    ops: float64Ops,
    denoise: (x, sigma) => {
      calls++;
      return denoise(x, sigma);
    },
    noise: (key) => normals(seed, key, size),
    calls: () => calls,
  };
}

/** x_T = σ_0·ε from the shared initial-noise stream. */
export function initialState(seed: number, size: number, sigma0: number): Float64Array {
  return normals(seed, INITIAL_NOISE_KEY, size).map((v) => v * sigma0);
}

export function runAll(
  def: SamplerDef,
  ctx: SamplerContext<Float64Array>,
  grid: SamplingGrid,
  x: Float64Array,
  params: SamplerParams = def.defaults,
): { x: Float64Array; steps: StepResult<Float64Array>[] } {
  const steps: StepResult<Float64Array>[] = [];
  const done = runToEnd({
    host: { ...float64Host, ops: ctx.ops },
    sampler: def,
    params,
    grid,
    denoise: ctx.denoise,
    noise: ctx.noise,
    x,
    frame: (_i, r) => {
      steps.push(r);
    },
  });
  return { x: done.x, steps };
}

/** Sample mean and (population) variance of every coordinate pooled. */
export function meanVar(x: Float64Array): { mean: number; variance: number } {
  let m = 0;
  for (const v of x) m += v;
  m /= x.length;
  let s = 0;
  for (const v of x) s += (v - m) ** 2;
  return { mean: m, variance: s / x.length };
}
