import { normals, uniformAt } from '../rng';

/**
 * The learned noise schedule of Variational Diffusion Models (Kingma et al. 2021, §4 and
 * appendix, "monotonic neural network"): γ_η(t) = −log SNR(t) on t ∈ [0, 1], increasing, so
 * SNR decreases. The paper's three monotone layers, each with positive weights:
 *   l₁(t) = a·t + b,   h_j = sigmoid(w₂ⱼ·l₁ + b₂ⱼ),   γ̃(t) = l₁(t) + (1/K)·Σⱼ w₃ⱼ·(2h_j − 1)
 * (K hidden units; the paper has K = 1024 and takes |w|, here w = softplus(raw) so the
 * gradient is smooth), then rescaled to the learned endpoints (the paper's eq. 9 style
 * normalisation, VDM code `NoiseSchedule_NNet`):
 *   γ(t) = γ₀ + (γ₁ − γ₀)·(γ̃(t) − γ̃(0)) / (γ̃(1) − γ̃(0)),   γ₁ = γ₀ + softplus(gap).
 * Every term of γ̃′ is positive, so γ is strictly increasing for any parameters, and γ₁ > γ₀.
 * Parameters are raw (unconstrained) numbers; the tfjs twin is models/train2d/vdmGamma.ts.
 */
export interface GammaParams {
  gamma0: number;
  /** softplus(gap) = γ₁ − γ₀. */
  gap: number;
  /** l₁: softplus(a)·t + b. */
  a: number;
  b: number;
  /** l₂ raw weights and biases, K each. */
  w2: Float64Array;
  b2: Float64Array;
  /** l₃ raw weights, K. */
  w3: Float64Array;
}

/** A schedule as a function of t ∈ [0, 1]: γ(t) and γ′(t). */
export interface Gamma {
  gamma(t: number): number;
  dgamma(t: number): number;
  gamma0: number;
  gamma1: number;
}

export const softplus = (x: number): number => (x > 30 ? x : Math.log1p(Math.exp(x)));
export const softplusInverse = (y: number): number => (y > 30 ? y : Math.log(Math.expm1(y)));
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** γ̃ and γ̃′ of the unnormalised network at t. */
function rawNetwork(p: GammaParams, t: number): { value: number; slope: number } {
  const a = softplus(p.a);
  const l1 = a * t + p.b;
  const k = p.w2.length;
  let value = l1;
  let slope = a;
  for (let j = 0; j < k; j++) {
    const w2 = softplus(p.w2[j]);
    const w3 = softplus(p.w3[j]) / k;
    const h = sigmoid(w2 * l1 + p.b2[j]);
    value += w3 * (2 * h - 1);
    slope += w3 * 2 * h * (1 - h) * w2 * a;
  }
  return { value, slope };
}

/** The monotone network's schedule (float64). */
export function networkGamma(p: GammaParams): Gamma {
  const gamma0 = p.gamma0;
  const gamma1 = p.gamma0 + softplus(p.gap);
  const lo = rawNetwork(p, 0).value;
  const range = rawNetwork(p, 1).value - lo;
  const k = (gamma1 - gamma0) / range;
  return {
    gamma0,
    gamma1,
    gamma: (t) => gamma0 + k * (rawNetwork(p, t).value - lo),
    dgamma: (t) => k * rawNetwork(p, t).slope,
  };
}

/** The fixed linear log-SNR schedule between the same endpoints (VDM §5's baseline). */
export function linearGamma(gamma0: number, gamma1: number): Gamma {
  return {
    gamma0,
    gamma1,
    gamma: (t) => gamma0 + (gamma1 - gamma0) * t,
    dgamma: () => gamma1 - gamma0,
  };
}

/** Streams of the schedule's initial parameters, apart from every other key. */
const GAMMA_INIT_KEY = 0x6a3d0000;

/**
 * Seeded starting parameters with the given endpoints: l₁ = t, each sigmoid's centre uniform
 * over [0, 1] with slope ≈ 2–10, and small output weights, so γ starts close to linear.
 */
export function initialGammaParams(
  width: number,
  gamma0: number,
  gamma1: number,
  seed: number,
): GammaParams {
  if (!(Number.isInteger(width) && width >= 1))
    throw new Error(`the schedule network needs a whole number of units ≥ 1, got ${width}`);
  if (!(gamma1 > gamma0))
    throw new Error(`the schedule needs γ₁ > γ₀, got γ₀ = ${gamma0}, γ₁ = ${gamma1}`);
  const z = normals(seed, GAMMA_INIT_KEY, 2 * width);
  const w2 = new Float64Array(width);
  const b2 = new Float64Array(width);
  const w3 = new Float64Array(width);
  for (let j = 0; j < width; j++) {
    const slope = 2 + 8 * uniformAt(seed, GAMMA_INIT_KEY + 1, j);
    w2[j] = softplusInverse(slope);
    b2[j] = -slope * uniformAt(seed, GAMMA_INIT_KEY + 2, j);
    w3[j] = -2 + 0.5 * z[j];
  }
  return { gamma0, gap: softplusInverse(gamma1 - gamma0), a: softplusInverse(1), b: 0, w2, b2, w3 };
}

/** γ at n + 1 evenly spaced times 0, 1/n, …, 1. */
export function gammaGrid(g: Gamma, n: number): { t: number[]; gamma: number[] } {
  const t = Array.from({ length: n + 1 }, (_, i) => i / n);
  return { t, gamma: t.map((s) => g.gamma(s)) };
}
