import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { normals, uniformAt } from '../../core/rng';
import type { Denoiser } from '../../core/samplers/types';
import { initialGammaParams, linearGamma, type Gamma } from '../../core/vdm/gamma';
import {
  alphaSquared,
  diffusionTerm,
  gammaOfKSigma,
  kSigmaOfGamma,
  lowDiscrepancyTimes,
  meanAndVariance,
  priorTerm,
  reconstructionTerm,
  sigmaSquared,
} from '../../core/vdm/loss';
import { mlp2dForward, mlp2dWeightShapes, type Mlp2dArchitecture } from '../mlp2d';
import { architectureOf, resolveTrainConfig, type TrainConfig } from './config';
import { matMulExplicitGrad } from './matMul';
import { frozenTensorNames, initialWeights, updateEma } from './network';
import {
  ENDPOINT_NAMES,
  gammaTensors,
  gammaVariables,
  INTERIOR_NAMES,
  readGamma,
  type GammaVariables,
} from './vdmGamma';
import type { VdmEstimate, VdmSettings } from './vdmSettings';

/** Batch streams: 3 per step (indices, ε, the batch's u₀), apart from the other trainers' keys. */
const VDM_STREAM_BASE = 0x71000000;
/** The probe's streams (indices, ε, t). */
const PROBE_STREAM_BASE = 0x71f00000;
/**
 * The ε-network sees γ, not t (as VDM's score network does), so one network serves any
 * schedule: γ ∈ [LO, HI] maps linearly onto the sinusoidal embedding's timestep range [0, 999].
 */
const EMBED_GAMMA_LO = -20;
const EMBED_GAMMA_HI = 15;
const embedTime = (gamma: tf.Tensor1D) =>
  tf.mul(tf.sub(gamma, EMBED_GAMMA_LO), 999 / (EMBED_GAMMA_HI - EMBED_GAMMA_LO)) as tf.Tensor1D;
const DIM = 2;

/**
 * Variational Diffusion Models (Kingma et al. 2021) on 2D points: the ε-MLP (mlp2d.ts) and the
 * monotone log-SNR schedule γ_η (vdmGamma.ts) trained jointly with Adam. The network and γ's
 * endpoints follow the gradient of the bound L_prior + L_recon + L_∞ (core/vdm/loss.ts; eq. 11
 * and 17); γ's interior, which leaves the bound's expectation unchanged (eq. 20ff), follows the
 * gradient of the batch mean of the squared per-example bound, i.e. of its variance (§5.2).
 * Times are VDM's low-discrepancy draw; step k's batch depends on (seed, k) only.
 */
export class VdmTrainer {
  readonly config: TrainConfig;
  readonly arch: Mlp2dArchitecture;
  readonly settings: VdmSettings;
  private readonly data: Float64Array;
  private live: Record<string, tf.Variable> = {};
  private ema: Record<string, tf.Variable> = {};
  private gammaVars!: GammaVariables;
  private netOptimizer!: tf.Optimizer;
  private gammaOptimizer!: tf.Optimizer;
  private steps = 0;

  constructor(data: Float64Array, config: Partial<TrainConfig>, settings: VdmSettings) {
    if (data.length < 2 || data.length % 2 !== 0)
      throw new Error(`training data must be flat 2D points, got ${data.length} numbers`);
    this.config = resolveTrainConfig(config);
    this.arch = architectureOf(this.config);
    this.settings = settings;
    this.data = data;
    if (!(settings.gammaLearningRate > 0))
      throw new Error(
        `VDM: the schedule's learning rate must be > 0, got ${settings.gammaLearningRate}`,
      );
    if (!(Number.isInteger(settings.sampleSteps) && settings.sampleSteps >= 1))
      throw new Error(
        `VDM: sampling steps must be a whole number ≥ 1, got ${settings.sampleSteps}`,
      );
    this.reset();
  }

  get stepsDone(): number {
    return this.steps;
  }

  reset(): void {
    this.disposeState();
    const { gamma0, gamma1, width } = this.settings;
    this.gammaVars = gammaVariables(initialGammaParams(width, gamma0, gamma1, this.config.seed));
    const start = initialWeights(this.arch, this.config.seed, {
      scale: this.config.fourierScale,
      T: 1000,
    });
    const frozen = new Set(frozenTensorNames(this.arch));
    for (const name of Object.keys(mlp2dWeightShapes(this.arch))) {
      this.live[name] = tf.variable(start[name], !frozen.has(name));
      this.ema[name] = tf.variable(start[name], false);
    }
    tf.dispose(Object.values(start));
    this.netOptimizer = tf.train.adam(this.config.learningRate);
    this.gammaOptimizer = tf.train.adam(this.settings.gammaLearningRate);
    this.steps = 0;
  }

  /**
   * k steps; returns each step's batch mean of the bound and the variance over the batch of its
   * per-example values (E[L²] − E[L]², unbiased), one read-back at the end.
   */
  async step(k = 1): Promise<{ losses: Float32Array; variances: Float32Array }> {
    const means: tf.Scalar[] = [];
    const squares: tf.Scalar[] = [];
    const netVars = [
      ...Object.values(this.live).filter((v) => v.trainable),
      ...ENDPOINT_NAMES.map((n) => this.gammaVars[n]),
    ];
    const interior = INTERIOR_NAMES.map((n) => this.gammaVars[n]);
    for (let i = 0; i < k; i++) {
      const { x0, eps, t } = this.drawsAt(this.steps);
      tf.tidy(() => {
        const [x, e, tt] = [
          tf.tensor2d(x0, [t.length, DIM]),
          tf.tensor2d(eps, [t.length, DIM]),
          tf.tensor1d(t),
        ];
        const bound = tf.variableGrads(
          () => tf.mean(this.perExample(x, e, tt)) as tf.Scalar,
          netVars,
        );
        const variance = tf.variableGrads(
          () => tf.mean(tf.square(this.perExample(x, e, tt))) as tf.Scalar,
          interior,
        );
        this.netOptimizer.applyGradients(bound.grads);
        this.gammaOptimizer.applyGradients(variance.grads);
        means.push(tf.keep(bound.value));
        squares.push(tf.keep(variance.value));
      });
      updateEma(this.ema, this.live, this.config.emaDecay, this.steps);
      this.steps++;
    }
    const [m, s] = await Promise.all([tf.stack(means).data(), tf.stack(squares).data()]);
    tf.dispose([...means, ...squares]);
    const n = this.config.batch;
    const variances = Float32Array.from(m, (mean, i) =>
      Math.max(0, ((s[i] - mean * mean) * n) / (n - 1)),
    );
    return { losses: Float32Array.from(m), variances };
  }

  /** The per-example bound L_prior + L_recon + ½γ′(t)‖ε − ε̂(z_t; γ(t))‖² on tensors [n]. */
  private perExample(x: tf.Tensor2D, eps: tf.Tensor2D, t: tf.Tensor1D): tf.Tensor1D {
    const { gamma, dgamma, gamma1 } = gammaTensors(this.gammaVars, t);
    const g = tf.expandDims(gamma, 1);
    const z = tf.add(
      tf.mul(tf.sqrt(tf.sigmoid(tf.neg(g))), x),
      tf.mul(tf.sqrt(tf.sigmoid(g)), eps),
    );
    const epsHat = mlp2dForward(
      this.live,
      this.arch,
      z as tf.Tensor2D,
      embedTime(gamma),
      matMulExplicitGrad,
    );
    const diffusion = tf.mul(0.5, tf.mul(dgamma, tf.sum(tf.square(tf.sub(eps, epsHat)), 1)));
    const [a2, s2] = [tf.sigmoid(tf.neg(gamma1)), tf.sigmoid(gamma1)];
    const prior = tf.mul(
      0.5,
      tf.add(tf.mul(a2, tf.sum(tf.square(x), 1)), tf.mul(DIM, tf.sub(tf.sub(s2, 1), tf.log(s2)))),
    );
    const recon = tf.mul(0.5 * DIM, tf.add(this.gammaVars.gamma0, Math.log(2 * Math.PI) + 1));
    return tf.add(tf.add(diffusion, prior), recon) as tf.Tensor1D;
  }

  /** Step k's data points, noise and low-discrepancy times from the seed's streams. */
  private drawsAt(k: number): { x0: Float32Array; eps: Float32Array; t: Float32Array } {
    const { batch: n, seed } = this.config;
    const key = VDM_STREAM_BASE + 3 * k;
    return {
      x0: this.pick(seed, key, n),
      eps: Float32Array.from(normals(seed, key + 1, DIM * n)),
      t: Float32Array.from(lowDiscrepancyTimes(uniformAt(seed, key + 2, 0), n)),
    };
  }

  private pick(seed: number, key: number, n: number): Float32Array {
    const count = this.data.length / DIM;
    const out = new Float32Array(DIM * n);
    for (let i = 0; i < n; i++) {
      const j = Math.min(count - 1, Math.floor(uniformAt(seed, key, i) * count));
      out[2 * i] = this.data[2 * j];
      out[2 * i + 1] = this.data[2 * j + 1];
    }
    return out;
  }

  /** The learned schedule now (float64, core/vdm/gamma.ts). */
  gamma(): Gamma {
    return readGamma(this.gammaVars);
  }

  /**
   * D(x, σ) of the EMA network in k-diffusion coordinates: σ² = e^γ, the VP state is
   * z = α·x with α² = sigmoid(−γ) = 1/(1 + σ²), and D = x − σ·ε̂(z; γ).
   */
  denoiser(): Denoiser<tf.Tensor> {
    return (x, sigma) =>
      tf.tidy(() => {
        const gamma = gammaOfKSigma(sigma);
        const z = tf.mul(x, Math.sqrt(alphaSquared(gamma))) as tf.Tensor2D;
        const t = embedTime(tf.fill([x.shape[0]], gamma) as tf.Tensor1D);
        return tf.sub(x, tf.mul(sigma, mlp2dForward(this.ema, this.arch, z, t)));
      });
  }

  /** The sampler's σ grid: σ_i = exp(γ(t_i)/2) at t_i = 1 − i/N, i = 0 … N, then 0. */
  samplingSigmas(steps = this.settings.sampleSteps): number[] {
    const g = this.gamma();
    const sigmas = Array.from({ length: steps + 1 }, (_, i) =>
      kSigmaOfGamma(g.gamma(1 - i / steps)),
    );
    return [...sigmas, 0];
  }

  /**
   * The per-example bound on `count` fixed probe examples (x, ε, t ∼ U(0, 1) from the seed),
   * under the learned schedule and under the linear γ with the same endpoints, with the EMA
   * network: the same draws under both, so the variances compare the schedules alone.
   */
  async estimates(
    count: number,
  ): Promise<{ learned: VdmEstimate; linear: VdmEstimate; prior: number; reconstruction: number }> {
    const seed = this.config.seed;
    const x0 = this.pick(seed, PROBE_STREAM_BASE, count);
    const eps = normals(seed, PROBE_STREAM_BASE + 1, DIM * count);
    const t = Float64Array.from({ length: count }, (_, i) =>
      uniformAt(seed, PROBE_STREAM_BASE + 2, i),
    );
    const learned = this.gamma();
    const reconstruction = reconstructionTerm(learned.gamma0, DIM);
    const prior = new Float64Array(count);
    for (let i = 0; i < count; i++)
      prior[i] = priorTerm(learned.gamma1, x0.subarray(2 * i, 2 * i + 2));
    const estimate = async (g: Gamma): Promise<VdmEstimate> => {
      const gammas = Float64Array.from(t, (s) => g.gamma(s));
      const zs = new Float32Array(DIM * count);
      for (let i = 0; i < DIM * count; i++) {
        const gi = gammas[i >> 1];
        zs[i] = Math.sqrt(alphaSquared(gi)) * x0[i] + Math.sqrt(sigmaSquared(gi)) * eps[i];
      }
      const out = tf.tidy(() =>
        mlp2dForward(
          this.ema,
          this.arch,
          tf.tensor2d(zs, [count, DIM]),
          embedTime(tf.tensor1d(Float32Array.from(gammas))),
        ),
      );
      const epsHat = (await out.data()) as Float32Array;
      out.dispose();
      const diffusion = Float64Array.from({ length: count }, (_, i) =>
        diffusionTerm(
          g.dgamma(t[i]),
          eps.subarray(2 * i, 2 * i + 2),
          epsHat.subarray(2 * i, 2 * i + 2),
        ),
      );
      const bound = diffusion.map((d, i) => d + prior[i] + reconstruction);
      const b = meanAndVariance(bound);
      return { bound: b.mean, diffusion: meanAndVariance(diffusion).mean, variance: b.variance };
    };
    return {
      learned: await estimate(learned),
      linear: await estimate(linearGamma(learned.gamma0, learned.gamma1)),
      prior: meanAndVariance(prior).mean,
      reconstruction,
    };
  }

  dispose(): void {
    this.disposeState();
  }

  private disposeState(): void {
    tf.dispose([...Object.values(this.live), ...Object.values(this.ema)]);
    if (this.gammaVars) tf.dispose(Object.values(this.gammaVars));
    this.netOptimizer?.dispose();
    this.gammaOptimizer?.dispose();
    this.live = {};
    this.ema = {};
  }
}
