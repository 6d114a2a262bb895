import * as tf from '@tensorflow/tfjs-core';
// tfjs-core alone registers no gradients; training needs them (the full @tensorflow/tfjs does this too).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import type { AnalyticModel } from '../../core/denoisers/analytic';
import type { Prediction } from '../../core/denoisers/parameterisation';
import type { SquareGrid } from '../../core/metrics/squareGrid';
import { normals, uniformAt } from '../../core/rng';
import type { DiscreteVPSchedule } from '../../core/schedules/discreteVP';
import type { Denoiser } from '../../core/samplers/types';
import { mlp2dDenoiser } from '../denoiser2d';
import type { LoadedModel } from '../loader';
import { mlp2dForward, mlp2dWeightShapes, type Mlp2dArchitecture } from '../mlp2d';
import { architectureOf, resolveTrainConfig, scheduleOf, type TrainConfig } from './config';
import { encodeTrainedModel, entryFromModelJson, type TrainedModelFiles } from './modelFiles';
import { errorMap, errorVsTime, ExactOutputs } from './evaluate';
import { matMulExplicitGrad } from './matMul';
import { frozenTensorNames, initialWeights, updateEma } from './network';
import { makeBatch, predictionOf, sampleTimes, type TrainingBatch } from './objectives';

type Which = 'ema' | 'live';

/** Batch streams: 4 per step (indices, ε, uniform t, normal t), far from sampler and data keys. */
const BATCH_STREAM_BASE = 0x70000000;

export interface TrainerOptions {
  config?: Partial<TrainConfig>;
  /** Starting weights (fine-tuning); copied, and must fit the config's architecture. */
  init?: tf.NamedTensorMap;
  /** Data set name written into saved files. */
  dataset?: string;
  /** What the network predicts, when a batch source other than the config's objective trains it. */
  prediction?: Prediction;
  /** Widen the output layer for Improved DDPM's learned variance (mlp2d.ts, hybrid.ts). */
  learnedVariance?: boolean;
}

/** The batch of step k, in the network's output space (inputs x_t, times, targets, weights). */
export type BatchSource = (k: number) => TrainingBatch;

/**
 * A loss other than the weighted squared error on the network's outputs [n, width] for a batch
 * (inside the step's tape): the total it minimises and the terms it reports.
 */
export type BatchLoss = (
  out: tf.Tensor2D,
  batch: TrainingBatch,
) => { total: tf.Scalar; terms: tf.Scalar[] };

/**
 * Trains the 2D MLP (mlp2d.ts, same tensor names) with Adam on one data set given as flat
 * points [x0, y0, x1, y1, …], keeping an exponential moving average of the weights with
 * PyTorch's warm-up decay min(decay, (1 + k)/(10 + k)) as training/train_mlp2d.py does.
 * Step k's batch depends only on (seed, k), so a run is reproducible step by step.
 */
export class Trainer {
  readonly config: TrainConfig;
  readonly arch: Mlp2dArchitecture;
  readonly schedule: DiscreteVPSchedule;
  readonly prediction: Prediction;
  private readonly data: Float64Array;
  private readonly init?: tf.NamedTensorMap;
  private readonly dataset: string;
  private live: Record<string, tf.Variable> = {};
  private ema: Record<string, tf.Variable> = {};
  private optimizer!: tf.Optimizer;
  private steps = 0;
  private batches: BatchSource | null = null;
  private loss: BatchLoss | null = null;
  private lastLosses: number[] = [];
  /** Per term of a BatchLoss, its value at each step of the latest step() call. */
  lastTerms: Float32Array[] = [];
  /** D* at the probe points and grids, per exact model (the data and probe never change). */
  private exactOutputs = new WeakMap<AnalyticModel, ExactOutputs>();

  constructor(data: Float64Array, options: TrainerOptions = {}) {
    if (data.length < 2 || data.length % 2 !== 0)
      throw new Error(`training data must be flat 2D points, got ${data.length} numbers`);
    this.config = resolveTrainConfig(options.config ?? {});
    this.arch = architectureOf(this.config);
    if (options.learnedVariance) this.arch.learnedVariance = true;
    this.schedule = scheduleOf(this.config.schedule);
    this.prediction = options.prediction ?? predictionOf(this.config.objective);
    this.data = data;
    this.init = options.init;
    this.dataset = options.dataset ?? 'custom';
    this.reset();
  }

  get stepsDone(): number {
    return this.steps;
  }

  /** Trains on these batches instead of the config's objective (distillation; see distillRun.ts). */
  useBatches(source: BatchSource): void {
    this.batches = source;
  }

  /** Trains on this loss instead of the weighted squared error (hybrid.ts). */
  useLoss(loss: BatchLoss): void {
    this.loss = loss;
  }

  /** The training data, flat [x0, y0, x1, y1, …] (not to be modified). */
  get points(): Float64Array {
    return this.data;
  }

  /** Back to the initial weights (fresh seeded ones, or the fine-tuning start), step 0. */
  reset(): void {
    this.disposeState();
    const start =
      this.init ??
      initialWeights(this.arch, this.config.seed, {
        scale: this.config.fourierScale,
        T: this.config.schedule.T,
      });
    checkStartingWeights(this.arch, start);
    const frozen = new Set(frozenTensorNames(this.arch));
    for (const name of Object.keys(mlp2dWeightShapes(this.arch))) {
      this.live[name] = tf.variable(start[name], !frozen.has(name));
      this.ema[name] = tf.variable(start[name], false);
    }
    if (!this.init) tf.dispose(Object.values(start));
    this.optimizer = tf.train.adam(this.config.learningRate);
    this.steps = 0;
    this.lastLosses = [];
  }

  /** k Adam steps; returns their losses (one read-back at the end, so GPU backends do not stall). */
  async step(k = 1): Promise<Float32Array> {
    const losses: tf.Scalar[] = [];
    const terms: tf.Scalar[][] = [];
    const trainable = Object.entries(this.live)
      .filter(([, v]) => v.trainable)
      .map(([, v]) => v);
    for (let i = 0; i < k; i++) {
      const batch = this.batches ? this.batches(this.steps) : this.batchAt(this.steps);
      const loss = tf.tidy(() => {
        const xt = tf.tensor2d(batch.xt, [batch.t.length, 2]);
        const t = tf.tensor1d(batch.t);
        const target = tf.tensor2d(batch.target, [batch.t.length, 2]);
        const weight = tf.tensor2d(batch.weight, [batch.t.length, 1]);
        return this.optimizer.minimize(
          () => {
            const out = mlp2dForward(this.live, this.arch, xt, t, matMulExplicitGrad);
            if (!this.loss)
              return tf.mean(tf.mul(weight, tf.square(tf.sub(out, target)))) as tf.Scalar;
            const l = this.loss(out, batch);
            terms.push(l.terms.map((term) => tf.keep(term)));
            return l.total;
          },
          true,
          trainable,
        ) as tf.Scalar;
      });
      losses.push(loss);
      updateEma(this.ema, this.live, this.config.emaDecay, this.steps);
      this.steps++;
    }
    const stacked = tf.stack(losses);
    const termsStacked = terms.length ? tf.stack(terms.map((ts) => tf.stack(ts))) : null;
    const values = (await stacked.data()) as Float32Array;
    const termValues = termsStacked ? ((await termsStacked.data()) as Float32Array) : null;
    tf.dispose([stacked, ...losses, ...terms.flat()]);
    termsStacked?.dispose();
    const termCount = terms[0]?.length ?? 0;
    this.lastTerms = Array.from({ length: termCount }, (_, j) =>
      Float32Array.from({ length: k }, (_, i) => termValues![i * termCount + j]),
    );
    this.lastLosses = [...this.lastLosses, ...values].slice(-100);
    return values;
  }

  /** Step k's data points, noise and uniforms u ∈ [0, 1) from the seed's counter-based streams. */
  drawsAt(k: number): { x0: Float64Array; eps: Float64Array; u: Float64Array } {
    const { batch: n, seed } = this.config;
    const key = BATCH_STREAM_BASE + 4 * k;
    const count = this.data.length / 2;
    const x0 = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const j = Math.min(count - 1, Math.floor(uniformAt(seed, key, i) * count));
      x0[2 * i] = this.data[2 * j];
      x0[2 * i + 1] = this.data[2 * j + 1];
    }
    const eps = normals(seed, key + 1, 2 * n);
    const u = Float64Array.from({ length: n }, (_, i) => uniformAt(seed, key + 2, i));
    return { x0, eps, u };
  }

  /** The batch of step k under the config's objective. */
  batchAt(k: number): TrainingBatch {
    const { batch: n, seed, objective } = this.config;
    const key = BATCH_STREAM_BASE + 4 * k;
    const { x0, eps, u } = this.drawsAt(k);
    const z = objective === 'edm' ? normals(seed, key + 3, n) : u;
    return makeBatch(
      objective,
      this.schedule,
      x0,
      eps,
      sampleTimes(objective, this.schedule, u, z),
    );
  }

  /** The EMA weights (what is saved and sampled) or the live ones; owned by the trainer. */
  weights(which: Which = 'ema'): tf.NamedTensorMap {
    return which === 'ema' ? this.ema : this.live;
  }

  /** model.json + weights.bin of the EMA weights, in the shipped models' format. */
  save(): Promise<TrainedModelFiles> {
    const recent = this.lastLosses;
    return encodeTrainedModel(this.arch, this.diffusionInfo(), this.ema, {
      training: {
        objective: this.config.objective,
        steps: this.steps,
        batch: this.config.batch,
        lr: this.config.learningRate,
        ema: this.config.emaDecay,
        seed: this.config.seed,
        finalLoss: recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : null,
        backend: tf.getBackend(),
      },
    });
  }

  /** The trained network as the loader would return it, for the views' denoiser builders. */
  asLoadedModel(which: Which = 'ema'): LoadedModel {
    const modelJson = {
      weightsManifest: [],
      architecture: { ...this.arch },
      diffusion: { ...this.diffusionInfo() },
    };
    return {
      entry: entryFromModelJson(modelJson, 'training'),
      modelJson,
      weights: this.weights(which),
    };
  }

  /** D(x, σ) of the network on tensors [n, 2], in k-diffusion coordinates. */
  denoiser(which: Which = 'ema'): Denoiser<tf.Tensor> {
    return mlp2dDenoiser(this.asLoadedModel(which));
  }

  /** E‖D_θ − D*‖² at each t (see evaluate.ts), on up to `probeCount` training points. */
  errorVsTime(
    exact: AnalyticModel,
    times: readonly number[],
    probeCount = 512,
    which: Which = 'ema',
  ) {
    const count = this.data.length / 2;
    const n = Math.min(probeCount, count);
    const probe = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const j = Math.floor((i * count) / n);
      probe[2 * i] = this.data[2 * j];
      probe[2 * i + 1] = this.data[2 * j + 1];
    }
    const cache = this.exactCacheFor(exact);
    const { seed } = this.config;
    return errorVsTime(this.denoiser(which), exact, this.schedule, times, probe, seed, cache);
  }

  /** ‖D_θ − D*‖² over a grid of the state x_t at time t (see evaluate.ts). */
  errorMap(exact: AnalyticModel, t: number, grid: SquareGrid, which: Which = 'ema') {
    return errorMap(this.denoiser(which), exact, this.schedule, t, grid, this.exactCacheFor(exact));
  }

  private exactCacheFor(exact: AnalyticModel): ExactOutputs {
    let cache = this.exactOutputs.get(exact);
    if (!cache) {
      cache = new ExactOutputs();
      this.exactOutputs.set(exact, cache);
    }
    return cache;
  }

  dispose(): void {
    this.disposeState();
  }

  private diffusionInfo() {
    return {
      parameterisation: this.prediction,
      schedule: this.config.schedule,
      dataset: this.dataset,
    };
  }

  private disposeState(): void {
    tf.dispose([...Object.values(this.live), ...Object.values(this.ema)]);
    this.optimizer?.dispose();
    this.live = {};
    this.ema = {};
  }
}

function checkStartingWeights(arch: Mlp2dArchitecture, start: tf.NamedTensorMap): void {
  const shapes = mlp2dWeightShapes(arch);
  for (const [name, shape] of Object.entries(shapes)) {
    const w = start[name];
    if (!w) throw new Error(`starting weights: tensor ${name} is missing`);
    if (w.shape.join(',') !== shape.join(','))
      throw new Error(
        `starting weights: tensor ${name} has shape [${w.shape}], expected [${shape}]`,
      );
  }
  const extra = Object.keys(start).filter((n) => !(n in shapes));
  if (extra.length) throw new Error(`starting weights: unexpected tensors ${extra.join(', ')}`);
}
