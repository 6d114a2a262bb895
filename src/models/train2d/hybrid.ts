import * as tf from '@tensorflow/tfjs-core';
import { chainStep, reverseChain, type ReverseChain } from '../../core/learnedVariance/chain';
import type { EpsVarianceModel } from '../../core/learnedVariance/reverse';
import { mlp2dForward } from '../mlp2d';
import type { HybridSettings } from './hybridSettings';
import type { TrainingBatch } from './objectives';
import type { Trainer } from './trainer';

/** Per-row coefficients of a batch's step, in the batch's `extra` (with x0 and μ̃). */
const COLUMNS = ['logBeta', 'logBetaTilde', 'epsCoef', 'invSqrtAlpha', 'first'] as const;

/** Identity forward, zero gradient (tfjs-core has no stop_gradient op). */
const stopGradient = tf.customGrad(((x: tf.Tensor) => ({
  value: tf.clone(x),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
})) as Parameters<typeof tf.customGrad>[0]);

/**
 * Improved DDPM's hybrid objective (Nichol & Dhariwal 2021, §3.1, eq. 16) on a Trainer whose
 * network has a learned variance: L_hybrid = L_simple + λ·L_vlb, with
 *  - L_simple the mean squared error of ε̂ (Ho et al. 2020, eq. 14), and
 *  - L_vlb = T·L_{t−1} at a uniform integer t, per dimension, in nats: the KL from the
 *    posterior q(x_{t−1} | x_t, x0) = N(μ̃, β̃) to p_θ = N(μ_θ, Σ_θ) for t > 1 and the Gaussian
 *    decoder's −log p_θ(x0 | x1) at t = 1 (core/learnedVariance/variance.ts), where
 *    Σ_θ = exp(v·log β_t + (1 − v)·log β̃_t) (eq. 15), v = (o + 1)/2 of the variance outputs o,
 *    and μ_θ is built from a stop-gradient ε̂, so L_vlb trains Σ_θ only ("we apply a
 *    stop-gradient to the μ_θ(x_t, t) output for the L_vlb term", §3.1).
 * With T = 1000 and λ = 0.001 this is the authors' loss up to their bits (÷ ln 2).
 */
export class HybridObjective {
  readonly settings: HybridSettings;
  private readonly trainer: Trainer;
  private readonly chain: ReverseChain;

  constructor(trainer: Trainer, settings: HybridSettings) {
    if (!trainer.arch.learnedVariance)
      throw new Error('the hybrid objective needs a network with a learned variance');
    if (!(settings.lambda >= 0 && Number.isFinite(settings.lambda)))
      throw new Error(`the hybrid objective's λ must be a number ≥ 0, got ${settings.lambda}`);
    this.settings = settings;
    this.trainer = trainer;
    this.chain = reverseChain(trainer.schedule, trainer.schedule.numTrainTimesteps);
    trainer.useBatches((k) => this.batchAt(k));
    trainer.useLoss((out, batch) => this.loss(out, batch));
  }

  /** Step k's batch: integer t uniform in 1..T, x_t ~ q(x_t | x0), ε the target, the step's coefficients. */
  batchAt(k: number): TrainingBatch {
    const { x0, eps, u } = this.trainer.drawsAt(k);
    const T = this.chain.alphaBar.length;
    const n = u.length;
    const extra: Record<string, Float32Array> = {
      x0: Float32Array.from(x0),
      posteriorMean: new Float32Array(2 * n),
    };
    for (const c of COLUMNS) extra[c] = new Float32Array(n);
    const batch: TrainingBatch = {
      xt: new Float32Array(2 * n),
      t: new Float32Array(n),
      target: Float32Array.from(eps),
      weight: new Float32Array(n).fill(1),
      extra,
    };
    for (let r = 0; r < n; r++) {
      const i = Math.min(T, 1 + Math.floor(u[r] * T));
      const step = chainStep(this.chain, i);
      batch.t[r] = this.chain.netTime[i - 1];
      extra.logBeta[r] = Math.log(step.beta);
      extra.logBetaTilde[r] = Math.log(step.betaTildeClipped);
      extra.epsCoef[r] = step.epsCoef;
      extra.invSqrtAlpha[r] = 1 / step.sqrtAlpha;
      extra.first[r] = i === 1 ? 1 : 0;
      for (let j = 2 * r; j < 2 * r + 2; j++) {
        const xt = Math.sqrt(step.alphaBar) * x0[j] + Math.sqrt(1 - step.alphaBar) * eps[j];
        batch.xt[j] = xt;
        extra.posteriorMean[j] = step.coefX0 * x0[j] + step.coefXt * xt;
      }
    }
    return batch;
  }

  /** L_hybrid of the outputs [n, 4] (ε̂, o); its terms are L_simple and L_vlb. */
  loss(out: tf.Tensor2D, batch: TrainingBatch): { total: tf.Scalar; terms: tf.Scalar[] } {
    const n = batch.t.length;
    const e = batch.extra!;
    const col = (name: (typeof COLUMNS)[number]) => tf.tensor2d(e[name], [n, 1]);
    const [epsHat, o] = tf.split(out, 2, 1) as tf.Tensor2D[];
    const xt = tf.tensor2d(batch.xt, [n, 2]);
    const simple = tf.mean(tf.square(tf.sub(epsHat, tf.tensor2d(batch.target, [n, 2]))));
    const v = tf.div(tf.add(o, 1), 2);
    const [logBeta, logBetaTilde] = [col('logBeta'), col('logBetaTilde')];
    const logVar = tf.add(tf.mul(v, logBeta), tf.mul(tf.sub(1, v), logBetaTilde));
    const invVar = tf.exp(tf.neg(logVar));
    const frozenEps = stopGradient(epsHat) as tf.Tensor2D;
    const mean = tf.mul(tf.sub(xt, tf.mul(col('epsCoef'), frozenEps)), col('invSqrtAlpha'));
    // KL(N(μ̃, β̃) ‖ N(μ_θ, Σ_θ)) and the decoder's −log N(x0; μ_θ, Σ_θ), per dimension.
    const posteriorGap = tf.square(tf.sub(tf.tensor2d(e.posteriorMean, [n, 2]), mean));
    const kl = tf.mul(
      0.5,
      tf.sub(
        tf.add(
          tf.sub(logVar, logBetaTilde),
          tf.mul(tf.add(tf.exp(logBetaTilde), posteriorGap), invVar),
        ),
        1,
      ),
    );
    const decoderGap = tf.square(tf.sub(tf.tensor2d(e.x0, [n, 2]), mean));
    const nll = tf.mul(
      0.5,
      tf.add(tf.add(logVar, Math.log(2 * Math.PI)), tf.mul(decoderGap, invVar)),
    );
    const first = col('first');
    const term = tf.add(tf.mul(first, nll), tf.mul(tf.sub(1, first), kl));
    const vlb = tf.mul(this.chain.alphaBar.length, tf.mean(term)) as tf.Scalar;
    const total = tf.add(simple, tf.mul(this.settings.lambda, vlb)) as tf.Scalar;
    return { total, terms: [simple as tf.Scalar, vlb] };
  }

  /**
   * The EMA network as core's ε̂-and-variance model on float64 arrays (one tensor call and
   * read-back per call): what ancestral sampling and the bound run on.
   */
  model(): EpsVarianceModel {
    const weights = this.trainer.weights('ema');
    const arch = this.trainer.arch;
    return (x, netTime) => {
      const out = tf.tidy(() =>
        mlp2dForward(weights, arch, tf.tensor2d(Float32Array.from(x), [x.length / 2, 2]), netTime),
      );
      const values = out.dataSync();
      out.dispose();
      const n = x.length / 2;
      const eps = new Float64Array(2 * n);
      const varianceOutput = new Float64Array(2 * n);
      for (let r = 0; r < n; r++) {
        eps[2 * r] = values[4 * r];
        eps[2 * r + 1] = values[4 * r + 1];
        varianceOutput[2 * r] = values[4 * r + 2];
        varianceOutput[2 * r + 1] = values[4 * r + 3];
      }
      return { eps, varianceOutput };
    };
  }
}
