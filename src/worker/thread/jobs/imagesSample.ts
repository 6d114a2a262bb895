import * as tf from '@tensorflow/tfjs-core';
import { interpolationWeights, slerp } from '../../../core/images/slerp';
import { INITIAL_NOISE_KEY, normals } from '../../../core/rng';
import { resolveSampler } from '../../../core/scene/build';
import { runToEndAsync } from '../../../core/samplers/driver';
import type { Denoiser } from '../../../core/samplers/types';
import { cellGuidedDenoiser, type CellConditioning } from '../../../models/cellDenoiser';
import { classifierGuidedDenoiser } from '../../../models/classifierGuidedDenoiser';
import {
  MAX_CELLS,
  MAX_IMAGE_STEPS,
  type ClassChoice,
  type ImageFrame,
  type ImageGridJob,
  type ImageInterpJob,
  type ImageSampling,
} from '../../protocol';
import type { JobContext } from './context';
import { yieldToMessages } from './context';
import { imageHost } from './hosts';
import { frameInfo, levelOf, readFrame } from './imagesFrame';
import { imageBundle, imageGrid, type ImageBundle } from './imagesModel';
import { noisyClassifierFor } from './imagesNoisyClassifier';
import { scoreSamples } from './imagesQuality';

/** x̂0 clipped to the data range [-1, 1] (Ho et al. 2020's sampler; diffusers' clip_sample). */
export function clippedDenoiser(d: Denoiser<tf.Tensor>): Denoiser<tf.Tensor> {
  return (x, sigma) => tf.tidy(() => tf.clipByValue(d(x, sigma), -1, 1));
}

export function checkRange(what: string, v: number, lo: number, hi: number, integer = true): void {
  if (!(v >= lo && v <= hi) || (integer && !Number.isInteger(v)))
    throw new Error(`${what} must be ${integer ? 'an integer ' : ''}in ${lo}..${hi}, got ${v}`);
}

/** The label of a class choice for one cell: a class index, or the model's null class. */
export function classLabel(choice: ClassChoice, cell: number, bundle: ImageBundle): number {
  const { classes, nullClass } = bundle.info;
  if (choice === 'uncond') return nullClass;
  if (choice === 'all') return cell % classes;
  checkRange('the class', choice, 0, classes - 1);
  return choice;
}

export interface CellRun {
  bundle: ImageBundle;
  sampling: ImageSampling;
  cond: CellConditioning;
  count: number;
  /** Unit normals of x_T (x_T = σ_max·start), count·dim. */
  start: Float64Array;
  /** Per-step noise by stream key, count·dim. */
  noise: (key: number) => Float64Array;
  clipX0: boolean;
}

/**
 * Samples a batch of cells on the model's own process (imageGrid), streaming x_t and x̂0 of every cell per
 * step (what the grid draws). Resolves to the final state (the caller disposes it), or null
 * when the run was cancelled.
 */
export async function sampleCells(
  run: CellRun,
  ctx: JobContext<ImageFrame>,
): Promise<tf.Tensor | null> {
  const { bundle, sampling: s, count } = run;
  checkRange('steps', s.steps, 1, MAX_IMAGE_STEPS);
  checkRange('guidance', s.guidance, 0, 10, false);
  const { def, params } = resolveSampler(s.sampler, s.samplerParams);
  if (def.id.endsWith('-inversion'))
    throw new Error(`${def.name} maps images to noise; use it in the inversion panel`);
  const grid = imageGrid(bundle, s.steps, s);
  const host = imageHost(bundle.info.inputShape);
  const guided =
    s.guide === 'classifier'
      ? classifierGuidedDenoiser(
          bundle.loaded,
          await noisyClassifierFor(bundle, ctx),
          run.cond,
          s.guidance,
        )
      : cellGuidedDenoiser(bundle.loaded, run.cond, s.guidance);
  const denoise = run.clipX0 ? clippedDenoiser(guided) : guided;
  const sigmaMax = grid.sigmas[0];
  const x = host.fromFloat64(run.start.map((v) => v * sigmaMax));
  const total = grid.sigmas.length - 1;
  const emit = async (
    step: number,
    xs: tf.Tensor,
    x0: tf.Tensor | null,
    nfe: number,
    ms: number,
  ) => {
    const sigma = grid.sigmas[step];
    const images = await readFrame(xs, x0, levelOf(bundle.process, sigma).scale);
    const frame: ImageFrame = { kind: 'step', cells: count, dim: bundle.dim, ...images };
    ctx.emit(step, total, frame, frameInfo(bundle.process, sigma, nfe, ms));
  };
  await emit(0, x, null, 0, 0);
  const done = await runToEndAsync(
    {
      host,
      sampler: def,
      params,
      grid,
      denoise,
      noise: (key) => host.fromFloat64(run.noise(key)),
      x,
      frame: (i, r, nfe, ms) => emit(i + 1, r.x, r.x0, nfe, ms),
    },
    { isCancelled: () => ctx.isCancelled(), between: yieldToMessages },
  );
  return done && done.x;
}

/** The grid: cell i starts from elements [i·dim, (i+1)·dim) of the seed's x_T stream. */
export async function runImageGrid(job: ImageGridJob, ctx: JobContext<ImageFrame>): Promise<null> {
  const bundle = await imageBundle(job.model, ctx);
  checkRange('the number of samples', job.count, 1, MAX_CELLS);
  const n = job.count * bundle.dim;
  const a = Int32Array.from({ length: job.count }, (_, i) =>
    classLabel(job.classChoice, i, bundle),
  );
  const final = await sampleCells(
    {
      bundle,
      sampling: job,
      cond: { a },
      count: job.count,
      start: normals(job.seed, INITIAL_NOISE_KEY, n),
      noise: (key) => normals(job.seed, key, n),
      clipX0: job.clipX0,
    },
    ctx,
  );
  if (!final) return null;
  if (job.quality && bundle.classifier) {
    const requested = job.classChoice === 'uncond' ? null : a;
    const quality = await scoreSamples(bundle.classifier, final as tf.Tensor4D, requested);
    ctx.emit(job.steps + 1, job.steps, { kind: 'quality', ...quality });
  }
  final.dispose();
  return null;
}

/** The same unit normals in every cell (dim values repeated count times). */
function tiled(z: Float64Array, count: number): Float64Array {
  const out = new Float64Array(z.length * count);
  for (let i = 0; i < count; i++) out.set(z, i * z.length);
  return out;
}

/**
 * A row between two endpoints. Every cell gets the same per-step noise (cell 0's stream), so with
 * a stochastic sampler the row still varies only through the endpoints' blend.
 */
export async function runImageInterp(
  job: ImageInterpJob,
  ctx: JobContext<ImageFrame>,
): Promise<null> {
  const bundle = await imageBundle(job.model, ctx);
  checkRange('the row length', job.count, 2, 16);
  const { dim } = bundle;
  const weights = interpolationWeights(job.count);
  const a = classLabel(job.classA, 0, bundle);
  const zA = normals(job.seed, INITIAL_NOISE_KEY, dim);
  let start: Float64Array;
  let cond: CellConditioning;
  if (job.mode === 'noise') {
    const zB = normals(job.seedB, INITIAL_NOISE_KEY, dim);
    start = new Float64Array(job.count * dim);
    weights.forEach((w, i) => start.set(slerp(zA, zB, w), i * dim));
    cond = { a: new Int32Array(job.count).fill(a) };
  } else {
    start = tiled(zA, job.count);
    cond = {
      a: new Int32Array(job.count).fill(a),
      mix: {
        b: new Int32Array(job.count).fill(classLabel(job.classB, 0, bundle)),
        lambda: Float32Array.from(weights),
      },
    };
  }
  const final = await sampleCells(
    {
      bundle,
      sampling: job,
      cond,
      count: job.count,
      start,
      noise: (key) => tiled(normals(job.seed, key, dim), job.count),
      clipX0: job.clipX0,
    },
    ctx,
  );
  final?.dispose();
  return null;
}
